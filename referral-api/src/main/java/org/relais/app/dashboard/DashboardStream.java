package org.relais.app.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.relais.core.api.query.DashboardView;
import org.relais.core.api.query.FindDashboardQuery;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * An open dashboard on the current period: an Axon subscription query whose first answer goes out as a server-sent
 * event named {@code dashboard}, and whose updates (the read model's revision: figures over a period are computed
 * when asked, not pushed) make it ask the figures again and send them. The API sends the figures as JSON; the web UI
 * sends them rendered, so both open the same subscription here. The period moves with the day at the next change.
 * <p>
 * Nothing is sent before Spring MVC has taken the emitter in hand: the subscription starts from
 * {@link StreamStart}, once the request has gone asynchronous. An event sent earlier is held by the emitter and
 * written while Spring sets the stream up; if the client has left by then, that write fails where neither this class
 * nor the servlet container hears of it, and the request stays open, unanswerable, until its timeout: holding the
 * graceful shutdown and a live subscription that long.
 */
@Component
public class DashboardStream implements SmartLifecycle {

    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final QueryGateway queries;
    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    DashboardStream(QueryGateway queries) {
        this.queries = queries;
    }

    public DashboardView current() {
        return current(new FindDashboardQuery());
    }

    public DashboardView current(FindDashboardQuery period) {
        return queries.query(period, DashboardView.class).join();
    }

    /**
     * A stream of each state of the dashboard as {@code render} makes it, with the given media type, to be returned
     * by a handler of the current request: it starts sending once that request has gone asynchronous.
     */
    public SseEmitter open(Function<DashboardView, Object> render, MediaType mediaType) {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        if (!running) {
            // The application is stopping: a browser reconnecting its stream must not open one that holds the stop.
            emitter.complete();
            return emitter;
        }
        AtomicReference<SubscriptionQueryResult<DashboardView, Long>> subscription = new AtomicReference<>();
        Runnable cancel = () -> {
            SubscriptionQueryResult<DashboardView, Long> started = subscription.get();
            if (started != null) {
                started.cancel();
            }
        };
        open.add(emitter);
        emitter.onCompletion(() -> {
            open.remove(emitter);
            cancel.run();
        });
        emitter.onTimeout(cancel);
        emitter.onError(error -> cancel.run());
        StreamStart.when(() -> subscription.set(stream(emitter, render, mediaType)));
        if (!running) {
            emitter.complete(); // stopped while this one opened
        }
        return emitter;
    }

    private SubscriptionQueryResult<DashboardView, Long> stream(SseEmitter emitter,
                                                                Function<DashboardView, Object> render,
                                                                MediaType mediaType) {
        SubscriptionQueryResult<DashboardView, Long> subscription = queries.subscriptionQuery(
                new FindDashboardQuery(), ResponseTypes.instanceOf(DashboardView.class),
                ResponseTypes.instanceOf(Long.class));
        // The figures are asked again off the event processor's thread, and a burst of changes is asked once.
        Flux<DashboardView> changes = subscription.updates().onBackpressureLatest()
                .publishOn(Schedulers.boundedElastic(), 1).map(revision -> current());
        subscription.initialResult().concatWith(changes).subscribe(view -> {
            try {
                emitter.send(SseEmitter.event().name("dashboard").data(render.apply(view), mediaType));
            } catch (IOException | IllegalStateException e) {
                // The client went away, or the stream was ended: stop listening.
                subscription.cancel();
            }
        }, error -> emitter.complete(), emitter::complete);
        return subscription;
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends the open streams when the application stops, before the web server's graceful shutdown, which would
     * otherwise wait for these long-lived requests until its own timeout.
     */
    @Override
    public void stop() {
        running = false;
        open.forEach(emitter -> {
            try {
                emitter.complete();
            } catch (RuntimeException alreadyGone) {
                // The client left first: nothing to end.
            }
        });
        open.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
