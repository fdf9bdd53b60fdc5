package org.relais.projections.support;

import java.util.Collection;
import java.util.Map;

/**
 * Where stored events stand in the event store's global order, for the events whose tracking token cannot say
 * (see {@link Events#globalIndexes}). Implemented by the application over its event store.
 */
public interface EventPositions {

    /** The global index of each of these events found in the event store, by event identifier. */
    Map<String, Long> globalIndexes(Collection<String> eventIdentifiers);
}
