package org.relais.projections.support;

/**
 * The shape of the read side's documents, one number for every read model: raise it in the same change as any
 * projection whose documents change shape (a field added, renamed or given another meaning, a collection or an
 * index added or split). At start, a data directory whose recorded shape is lower has its read side rebuilt from the
 * event store before the read models answer (org.relais.app.upgrade); a data directory whose recorded shape is
 * higher was written by a newer Relais, and the application refuses to start on it.
 *
 * <p>1: the read models as of Relais 0.1.0.
 */
public final class ReadSideShape {

    /** The shape the projections of this version write. */
    public static final int CURRENT = 1;

    private ReadSideShape() {
    }
}
