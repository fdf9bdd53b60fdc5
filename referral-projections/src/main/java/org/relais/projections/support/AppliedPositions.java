package org.relais.projections.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.stereotype.Component;

/**
 * How far in the event stream each projection's live batches have been written, in this instance: what a page that
 * has just sent a command waits for so that the person sees what they did. Batches signal when they are written;
 * waiting readers wake then, rather than polling the token store.
 */
@Component
public class AppliedPositions {

    private final Map<String, Long> applied = new ConcurrentHashMap<>();
    private final Object signal = new Object();

    /** Records a live batch written to the projection's read model (its token is stored just after). */
    void written(String projection, List<? extends EventMessage<?>> events) {
        long position = -1;
        for (EventMessage<?> event : events) {
            if (event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
                position = Math.max(position, tracked.trackingToken().position().orElse(-1));
            }
        }
        if (position < 0) {
            return;
        }
        applied.merge(projection, position, Math::max);
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /**
     * Waits until each of these projections has written everything up to {@code position}, at most {@code bound};
     * whether they have. A projection another instance runs never gets there here: the bound expires.
     */
    public boolean await(Set<String> projections, long position, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (signal) {
            while (!projections.stream().allMatch(name -> applied.getOrDefault(name, -1L) >= position)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(signal, left);
            }
            return true;
        }
    }
}
