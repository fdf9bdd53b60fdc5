package org.relais.projections.support;

import java.util.OptionalLong;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
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

    /** The position in the global event stream, when the event came from one. */
    public static OptionalLong globalIndex(EventMessage<?> event) {
        if (event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            TrackingToken token = WrappedToken.unwrapLowerBound(tracked.trackingToken());
            return token == null ? OptionalLong.empty() : token.position();
        }
        return OptionalLong.empty();
    }

    public static String metadata(EventMessage<?> event, String key) {
        Object value = event.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
