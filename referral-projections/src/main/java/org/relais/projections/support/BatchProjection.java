package org.relais.projections.support;

import java.util.List;

import org.axonframework.eventhandling.EventMessage;

/**
 * A read model that applies events a batch at a time to one generation of its collections. The same code serves
 * the live processor (the active generation), a rebuild (a fresh generation) and a comparison (a scratch one), so a
 * rebuilt projection cannot differ from the live one by construction of another code path.
 *
 * <p>{@link #apply} must be idempotent: applying an event a second time, alone or inside a larger batch, changes
 * nothing. Only one writer ever writes one generation (one segment), which the implementations rely on to read,
 * change and replace documents within a batch.
 */
public interface BatchProjection {

    /** The processing group, also the projection's name in the admin API. */
    String name();

    /** The base names of the collections it owns. */
    List<String> collections();

    void apply(List<? extends EventMessage<?>> events, CollectionSet target);

    /**
     * Declares every index its queries need on the given generation: before anything is written to a live one, and
     * after the replay of a rebuilt one, before any query can read it. {@link #apply} must not depend on them: it
     * reads documents by {@code _id} only.
     */
    void declareIndexes(CollectionSet target);

    /**
     * Fields that a comparison of two generations leaves out: bookkeeping whose content depends on batch boundaries
     * rather than on the events (say which, and why, where it is declared).
     */
    default List<String> comparisonIgnores() {
        return List.of();
    }

    /** Called once a generation became the active one (after a rebuild switched over). */
    default void activated(CollectionSet target) {
    }
}
