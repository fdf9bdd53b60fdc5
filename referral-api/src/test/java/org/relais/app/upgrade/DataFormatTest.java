package org.relais.app.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** What counts as newer than the running code: each part of the format on its own, and releases by their numbers. */
class DataFormatTest {

    private static final DataFormat CODE = new DataFormat("13", new TreeMap<>(Map.of("ReferralClosedEvent", 2,
            "NoteAddedEvent", 1)), 1, "0.2.0-SNAPSHOT");

    @Test
    void the_same_or_an_older_format_is_read() {
        assertThat(CODE.newerThan(CODE)).isEmpty();
        assertThat(new DataFormat("12", new TreeMap<>(Map.of("ReferralClosedEvent", 1)), 0, "0.1.0").newerThan(CODE))
                .isEmpty();
    }

    @Test
    void each_newer_part_is_named() {
        DataFormat newer = new DataFormat("13.1", new TreeMap<>(Map.of("ReferralClosedEvent", 3, "NoteAddedEvent", 1,
                "SomethingNewEvent", 1)), 2, "0.3.0");
        assertThat(newer.newerThan(CODE)).containsExactly(
                "schema version 13.1 (this version knows up to 13)",
                "event ReferralClosedEvent revision 3 (this version knows up to 2)",
                "event type SomethingNewEvent (unknown to this version)",
                "read side shape 2 (this version knows up to 1)",
                "application version 0.3.0");
    }

    @Test
    void releases_compare_by_their_numbers_and_a_development_build_by_its_formats_only() {
        assertThat(DataFormat.compareReleases("0.10.0", "0.9.3")).isPositive();
        assertThat(DataFormat.compareReleases("0.2.0-SNAPSHOT", "0.2.0")).isZero();
        assertThat(DataFormat.compareReleases("1.0", "1.0.0")).isZero();
        assertThat(DataFormat.compareReleases("0.1.0", "0.1.1")).isNegative();
        assertThat(DataFormat.compareReleases("development", "0.1.0")).isZero();
    }
}
