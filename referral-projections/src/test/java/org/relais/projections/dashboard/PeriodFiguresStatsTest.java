package org.relais.projections.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.relais.core.api.query.DurationStatsView;

/** Median and p90 by the nearest rank: always one of the durations measured, in seconds. */
class PeriodFiguresStatsTest {

    @Test
    void nearest_rank_medians_and_p90s() {
        assertThat(PeriodFigures.stats(List.of())).isEqualTo(new DurationStatsView(0, null, null));
        assertThat(PeriodFigures.stats(List.of(5_000L))).isEqualTo(new DurationStatsView(1, 5.0, 5.0));
        assertThat(PeriodFigures.stats(List.of(1_800_000L, 7_200_000L, 600_000L, 1_200_000L)))
                .isEqualTo(new DurationStatsView(4, 1200.0, 7200.0));
        // 1..10 s: the 5th and the 9th; 1..20 s: the 10th and the 18th (no rounding of 0.9 × n moves a rank).
        assertThat(PeriodFigures.stats(LongStream.rangeClosed(1, 10).map(s -> s * 1000).boxed().toList()))
                .isEqualTo(new DurationStatsView(10, 5.0, 9.0));
        assertThat(PeriodFigures.stats(LongStream.rangeClosed(1, 20).map(s -> s * 1000).boxed().toList()))
                .isEqualTo(new DurationStatsView(20, 10.0, 18.0));
    }
}
