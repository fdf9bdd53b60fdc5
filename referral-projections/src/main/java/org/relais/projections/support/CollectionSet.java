package org.relais.projections.support;

/**
 * The physical collections of one generation of a projection. Generation 0 uses the base names, so a store that
 * was never rebuilt looks as it always did; generation n appends {@code _g<n>}.
 */
public record CollectionSet(String projection, long generation) {

    public String name(String base) {
        return generation == 0 ? base : base + "_g" + generation;
    }
}
