package org.relais.app.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * How far behind the event store each streaming event processor of this instance is, as a gauge per processor:
 * {@code relais_processor_lag_events{processor}} (positions of the event stream not handled yet) and
 * {@code relais_processor_lag_seconds{processor}} (how long ago the oldest event not handled yet was stored; 0 when
 * none is waiting). Both are NaN while this instance holds no segment of the processor (another instance works it,
 * and reports it), and the seconds are NaN when the event store cannot be read directly (Axon Server).
 * A processor is judged by its segment furthest behind.
 */
@Component
class ProcessorSignals {

    private static final Duration FRESH = Duration.ofSeconds(1);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ObjectProvider<EventStorageEngine> storageEngine;
    private final MeterRegistry registry;
    private volatile Snapshot snapshot = new Snapshot(Instant.EPOCH, Map.of());

    ProcessorSignals(EventProcessingConfiguration processing, EventStore eventStore,
                     ObjectProvider<EventStorageEngine> storageEngine, MeterRegistry registry) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.storageEngine = storageEngine;
        this.registry = registry;
    }

    /** The processors are all known once the application has started. */
    @EventListener(ApplicationReadyEvent.class)
    void registerGauges() {
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (!(processor instanceof StreamingEventProcessor)) {
                continue; // a subscribing processor handles events in the transaction that stores them: no lag
            }
            String name = processor.getName();
            Gauge.builder("relais.processor.lag.events", this, signals -> signals.lag(name).events())
                    .description("Positions of the event stream this processor has not handled yet")
                    .tag("processor", name).register(registry);
            Gauge.builder("relais.processor.lag", this, signals -> signals.lag(name).seconds())
                    .description("Age of the oldest event this processor has not handled yet")
                    .baseUnit("seconds").tag("processor", name).register(registry);
        }
    }

    private Lag lag(String processor) {
        Snapshot current = snapshot;
        Instant now = Instant.now();
        if (current.takenAt().plus(FRESH).isBefore(now)) {
            current = new Snapshot(now, measure(now));
            snapshot = current;
        }
        return current.lags().getOrDefault(processor, Lag.UNKNOWN);
    }

    private Map<String, Lag> measure(Instant now) {
        TrackingToken headToken;
        try {
            headToken = eventStore.createHeadToken();
        } catch (RuntimeException eventStoreUnreachable) {
            return Map.of();
        }
        long head = headToken == null ? 0 : headToken.position().orElse(0);
        Map<String, Lag> lags = new HashMap<>();
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming) {
                lags.put(processor.getName(), lag(streaming, head, now));
            }
        }
        return lags;
    }

    private Lag lag(StreamingEventProcessor processor, long head, Instant now) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        if (segments.isEmpty()) {
            return Lag.UNKNOWN;
        }
        TrackingToken furthestBehind = null;
        long done = Long.MAX_VALUE;
        for (EventTrackerStatus segment : segments.values()) {
            TrackingToken token = segment.getTrackingToken();
            long position = position(token).orElse(0);
            if (position < done || furthestBehind == null && position == done) {
                done = position;
                furthestBehind = token;
            }
        }
        long behind = Math.max(0, head - done);
        if (behind == 0) {
            return new Lag(0, 0);
        }
        return new Lag(behind, ageOfNext(furthestBehind, now));
    }

    /** Seconds since the first event after {@code token} was stored. */
    private double ageOfNext(TrackingToken token, Instant now) {
        EventStorageEngine engine = storageEngine.getIfAvailable();
        if (engine == null) {
            return Double.NaN;
        }
        // a replaying processor's token wraps the position it has reached
        TrackingToken from = token == null ? null : WrappedToken.unwrapLowerBound(token);
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(from, false)) {
            return events.findFirst()
                    .map(event -> Math.max(0, Duration.between(event.getTimestamp(), now).toMillis() / 1000.0))
                    .orElse(0.0);
        } catch (RuntimeException unreadable) {
            return Double.NaN;
        }
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }

    private record Lag(double events, double seconds) {
        static final Lag UNKNOWN = new Lag(Double.NaN, Double.NaN);
    }

    private record Snapshot(Instant takenAt, Map<String, Lag> lags) {
    }
}
