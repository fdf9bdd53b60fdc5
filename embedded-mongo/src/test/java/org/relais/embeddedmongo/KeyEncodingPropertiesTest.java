package org.relais.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import de.bwaldvogel.mongo.backend.ValueComparator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The key encoding orders as the server compares: for any two values (of any of the types the read models index,
 * mixed), the unsigned order of their encodings is the sign of the library's {@code ValueComparator}; inverted for a
 * descending field; and compound keys compare field by field whatever the lengths of their parts.
 */
class KeyEncodingPropertiesTest {

    @Property(tries = 3000)
    void single_values_order_as_the_server_compares_them(@ForAll("values") Object a, @ForAll("values") Object b) {
        int expected = Integer.signum(ValueComparator.asc().compare(a, b));
        assertThat(Integer.signum(Arrays.compareUnsigned(KeyEncoding.value(a), KeyEncoding.value(b))))
                .as("%s vs %s", describe(a), describe(b)).isEqualTo(expected);
        boolean[] descending = {true};
        assertThat(Integer.signum(Arrays.compareUnsigned(KeyEncoding.encode(java.util.Arrays.asList(a), descending),
                KeyEncoding.encode(java.util.Arrays.asList(b), descending)))).as("descending").isEqualTo(-expected);
    }

    @Property(tries = 3000)
    void compound_keys_compare_field_by_field(@ForAll("values") Object a1, @ForAll("values") Object a2,
                                              @ForAll("values") Object b1, @ForAll("values") Object b2,
                                              @ForAll boolean firstDescending, @ForAll boolean secondDescending) {
        int first = Integer.signum(ValueComparator.asc().compare(a1, b1)) * (firstDescending ? -1 : 1);
        int second = Integer.signum(ValueComparator.asc().compare(a2, b2)) * (secondDescending ? -1 : 1);
        int expected = first != 0 ? first : second;
        boolean[] descending = {firstDescending, secondDescending};
        assertThat(Integer.signum(Arrays.compareUnsigned(KeyEncoding.encode(java.util.Arrays.asList(a1, a2), descending),
                KeyEncoding.encode(java.util.Arrays.asList(b1, b2), descending)))).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void a_prefix_range_holds_exactly_the_keys_that_start_with_it(@ForAll("values") Object prefix,
                                                                  @ForAll("values") Object other,
                                                                  @ForAll("values") Object rest) {
        byte[] lower = KeyEncoding.value(prefix);
        byte[] upper = KeyEncoding.successor(lower);
        byte[] key = KeyEncoding.encode(java.util.Arrays.asList(other, rest), new boolean[2]);
        boolean inside = Arrays.compareUnsigned(key, lower) >= 0
                && (upper == null || Arrays.compareUnsigned(key, upper) < 0);
        assertThat(inside).isEqualTo(ValueComparator.asc().compare(prefix, other) == 0);
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(6).withChars("ab\u0000\u0001\u00e9\uffff\ud83d"),
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.integers().between(-5, 5).map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                // within ±2^62: at the ends of the long range the library saturates a double into a long
                Arbitraries.longs().between(-(1L << 62), 1L << 62).map(Object.class::cast),
                Arbitraries.longs().between((1L << 53) - 3, (1L << 53) + 3).map(Object.class::cast),
                Arbitraries.doubles().between(-1e18, 1e18).map(Object.class::cast),
                Arbitraries.of(-0.0, 0.0, 1.0, -1.0, 0.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)
                        .map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.longs().between(-10_000_000_000_000L, 10_000_000_000_000L)
                        .map(millis -> (Object) Instant.ofEpochMilli(millis)),
                Arbitraries.just(null));
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
    }
}
