package org.relais.projections.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.stereotype.Component;

/**
 * How far in the event stream each projection's live batches have been written in this instance, per segment: the
 * tracking token of the last event of the last batch written to the read model (its token is stored just after).
 * Batches signal when they are written, so that a reader waiting for its own write wakes then rather than polling
 * the token store. Which positions a token has handled is the token's to say ({@link #handled}): with gaps in the
 * global sequence (concurrent commits on PostgreSQL), a position below the token's may still be to come.
 */
@Component
public class AppliedPositions {

    private final Map<String, TrackingToken> written = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private long changes;

    /** Records a live batch of one segment written to the projection's read model. */
    void written(String projection, int segment, List<? extends EventMessage<?>> events) {
        TrackingToken last = null;
        for (EventMessage<?> event : events) {
            if (event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
                TrackingToken token = WrappedToken.unwrapLowerBound(tracked.trackingToken());
                last = last == null ? token : last.upperBound(token);
            }
        }
        if (last == null) {
            return;
        }
        written.merge(key(projection, segment), last, TrackingToken::upperBound);
        synchronized (signal) {
            changes++;
            signal.notifyAll();
        }
    }

    /** The token of the last batch of this segment written here since the start, if any. */
    public TrackingToken token(String projection, int segment) {
        return written.get(key(projection, segment));
    }

    /** A count of the batches written so far, to wait for the next one with {@link #awaitWrite}. */
    public long writes() {
        synchronized (signal) {
            return changes;
        }
    }

    /** Waits, at most {@code bound}, until a batch is written after {@code seen} (a value of {@link #writes}). */
    public void awaitWrite(long seen, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (signal) {
            while (changes == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(signal, left);
            }
        }
    }

    /**
     * Whether the processor holding {@code token} has handled the event at {@code position}: the token is at or past
     * it and does not list it among the gaps still to come.
     */
    public static boolean handled(TrackingToken token, long position) {
        if (token == null) {
            return false;
        }
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (current == null) {
            return false;
        }
        if (current instanceof org.axonframework.eventhandling.GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return current.position().orElse(-1) >= position;
    }

    private static String key(String projection, int segment) {
        return projection + "#" + segment;
    }
}
