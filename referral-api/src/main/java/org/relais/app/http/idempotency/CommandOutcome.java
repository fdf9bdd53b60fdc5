package org.relais.app.http.idempotency;

import java.util.function.Supplier;

import org.relais.core.api.CommandResult;

/**
 * What a stored command produced, from which an endpoint builds its answer: the aggregate and version, the position
 * of its last event in the event stream (what a read asks the read models to have reached, see
 * {@code org.relais.app.consistency}), and the event stored at that version (read on demand from the event store), so
 * that a replayed request is answered exactly like the first one.
 */
public record CommandOutcome(CommandResult result, long position, Supplier<Object> lastEvent) {

    public String aggregateId() {
        return result.aggregateId();
    }

    public long version() {
        return result.version();
    }

    /** The payload of the event stored at {@link #version()}, of the type the endpoint expects. */
    public <T> T lastEvent(Class<T> type) {
        return type.cast(lastEvent.get());
    }
}
