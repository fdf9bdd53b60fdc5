package org.relais.projections.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

/** What the projections read from an event message besides its payload. */
public final class Events {

    private Events() {
    }

    /** The event's sequence number within its aggregate, -1 when it has none. */
    public static long sequence(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : -1;
    }

    public static String aggregateId(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
    }

    public static String aggregateType(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getType() : null;
    }

    /**
     * Each event's own position in the global event stream, by event identifier (absent for an event that did not
     * come from a stream). A {@link GapAwareTrackingToken} (the JDBC event store's) tells the highest position the
     * stream has reached, which is the event's own only when the token moved forward with it: an event committed
     * after later ones fills a gap and leaves the position where it was, so taking the token's position would give
     * it the index of another event. The position is taken from the token where it moved forward since the previous
     * event of the batch, and asked of the event store otherwise (the first event of a batch, and late ones).
     */
    public static Map<String, Long> globalIndexes(List<? extends EventMessage<?>> events, EventPositions store) {
        Map<String, Long> indexes = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        TrackingToken previous = null;
        for (EventMessage<?> event : events) {
            TrackingToken token = event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                    ? WrappedToken.unwrapLowerBound(tracked.trackingToken()) : null;
            if (token instanceof GapAwareTrackingToken gapAware) {
                if (previous instanceof GapAwareTrackingToken before && gapAware.getIndex() > before.getIndex()) {
                    indexes.put(event.getIdentifier(), gapAware.getIndex());
                } else {
                    unknown.add(event.getIdentifier());
                }
            } else if (token != null && token.position().isPresent()) {
                indexes.put(event.getIdentifier(), token.position().getAsLong());
            }
            previous = token;
        }
        if (!unknown.isEmpty()) {
            indexes.putAll(store.globalIndexes(unknown));
        }
        return indexes;
    }

    public static String metadata(EventMessage<?> event, String key) {
        Object value = event.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
