package org.relais.app.metrics;

import java.util.List;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.relais.core.api.referral.ReferralErasureRequestedEvent;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Events stored by this instance, counted once their transaction commits: {@code relais_events_appended_total{event}}
 * ({@code event} is the event's class name), and among them the erasures carried out,
 * {@code relais_erasures_total} (each {@link ReferralErasureRequestedEvent} destroys a case's data key in the same
 * transaction).
 */
@Component
class EventSignals implements SmartInitializingSingleton, MessageDispatchInterceptor<EventMessage<?>> {

    private final EventStore eventStore;
    private final MeterRegistry registry;
    private final Counter erasures;

    EventSignals(EventStore eventStore, MeterRegistry registry) {
        this.eventStore = eventStore;
        this.registry = registry;
        this.erasures = Counter.builder("relais.erasures")
                .description("Cases whose personal data was erased (data key destroyed)").register(registry);
    }

    @Override
    public void afterSingletonsInstantiated() {
        eventStore.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        List<Class<?>> types = messages.stream().<Class<?>>map(EventMessage::getPayloadType).toList();
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> appended(types));
        } else {
            appended(types);
        }
        return (index, message) -> message;
    }

    private void appended(List<Class<?>> types) {
        for (Class<?> type : types) {
            Counter.builder("relais.events.appended").description("Events appended to the event store, by event")
                    .tag("event", type.getSimpleName()).register(registry).increment();
            if (type == ReferralErasureRequestedEvent.class) {
                erasures.increment();
            }
        }
    }
}
