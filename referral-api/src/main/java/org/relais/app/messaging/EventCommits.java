package org.relais.app.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Wakes the event processors when this instance has committed events, instead of letting them find out on their own.
 *
 * <p>An Axon pooled processor whose event stream cannot call back when events arrive (the JDBC event store's) looks
 * for new events 500 ms after it found none: a read model then showed a command's effect about half a second after
 * its answer, and a client reading its own write waited as long. Here the processors' streams accept that callback,
 * and it is called after each commit of events in this instance, again shortly after (the event store's own reader
 * fetches the new events on the same signal, and a processor that looked a moment too early must look again), and
 * every {@value #TICK_MILLIS} ms for events committed by other instances, as often as before. A stream that can call
 * back by itself (Axon Server's) keeps doing so.
 */
final class EventCommits implements MessageDispatchInterceptor<EventMessage<?>> {

    static final long TICK_MILLIS = 500;
    private static final List<Duration> AGAIN = List.of(Duration.ofMillis(5), Duration.ofMillis(25),
            Duration.ofMillis(100));
    private static final String REGISTERED = EventCommits.class.getName();

    private final AtomicBoolean listening = new AtomicBoolean();
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-commits");
        thread.setDaemon(true);
        return thread;
    });

    EventCommits() {
        executor.scheduleWithFixedDelay(this::wake, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The event store, whose streams call back after its commits in this instance. */
    StreamableMessageSource<TrackedEventMessage<?>> around(EventStore eventStore) {
        if (listening.compareAndSet(false, true)) {
            eventStore.registerDispatchInterceptor(this);
        }
        return new Source(eventStore);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            if (root.resources().putIfAbsent(REGISTERED, Boolean.TRUE) == null) {
                root.afterCommit(unitOfWork -> committed());
            }
        } else {
            committed();
        }
        return (index, message) -> message;
    }

    void shutdown() {
        executor.shutdownNow();
    }

    private void committed() {
        if (callbacks.isEmpty()) {
            return;
        }
        wake();
        for (Duration delay : AGAIN) {
            executor.schedule(this::wake, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void wake() {
        for (Runnable callback : callbacks) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                // a processor that is stopping; it registers again when it opens a new stream
            }
        }
    }

    private final class Source implements StreamableMessageSource<TrackedEventMessage<?>> {

        private final StreamableMessageSource<TrackedEventMessage<?>> delegate;

        Source(StreamableMessageSource<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
            return new Stream(delegate.openStream(trackingToken));
        }

        @Override
        public TrackingToken createTailToken() {
            return delegate.createTailToken();
        }

        @Override
        public TrackingToken createHeadToken() {
            return delegate.createHeadToken();
        }

        @Override
        public TrackingToken createTokenAt(Instant dateTime) {
            return delegate.createTokenAt(dateTime);
        }

        @Override
        public TrackingToken createTokenSince(Duration duration) {
            return delegate.createTokenSince(duration);
        }
    }

    private final class Stream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private volatile Runnable callback;

        Stream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            if (delegate.setOnAvailableCallback(callback)) {
                return true;
            }
            Runnable previous = this.callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public java.util.Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public boolean hasNextAvailable() {
            return delegate.hasNextAvailable();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                callbacks.remove(registered);
            }
            delegate.close();
        }
    }
}
