package org.relais.core.api;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Immutable enum sets in declaration order, so that messages serialize the same way every time. */
public final class EnumSets {

    private EnumSets() {
    }

    public static <E extends Enum<E>> Set<E> copyOf(Collection<E> values, Class<E> type) {
        if (values == null || values.isEmpty()) {
            return Collections.unmodifiableSet(EnumSet.noneOf(type));
        }
        return Collections.unmodifiableSet(EnumSet.copyOf(values));
    }
}
