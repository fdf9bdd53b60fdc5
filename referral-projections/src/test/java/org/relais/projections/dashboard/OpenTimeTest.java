package org.relais.projections.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.relais.core.api.partner.OpeningPeriod;
import org.relais.core.api.partner.ServiceHours;
import org.relais.core.partner.DeadlineCalendar;

/** Open time measured on service hours, against hand-counted spans and as the inverse of the deadline calendar. */
class OpenTimeTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final ServiceHours OFFICE = new ServiceHours(PARIS.getId(), false,
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY).stream()
                    .map(day -> new OpeningPeriod(day, LocalTime.of(9, 0), LocalTime.of(18, 0))).toList());

    @Test
    void an_office_counts_only_its_open_hours_across_nights_and_weekends() {
        // Thursday 12 November 2026 17:00 to Friday 10:00: 17-18 and 9-10.
        assertThat(OpenTime.between(OFFICE, at(12, 17, 0), at(13, 10, 0))).isEqualTo(Duration.ofHours(2).toMillis());
        // Friday 17:30 to Monday 9:15: half an hour on Friday, a quarter on Monday.
        assertThat(OpenTime.between(OFFICE, at(13, 17, 30), at(16, 9, 15)))
                .isEqualTo(Duration.ofMinutes(45).toMillis());
        // Saturday to Sunday: nothing.
        assertThat(OpenTime.between(OFFICE, at(14, 10, 0), at(15, 10, 0))).isZero();
    }

    @Test
    void always_open_is_wall_clock_time_and_unknown_hours_measure_nothing() {
        assertThat(OpenTime.between(ServiceHours.alwaysOpen(PARIS.getId()), at(2, 10, 0), at(2, 10, 30)))
                .isEqualTo(Duration.ofMinutes(30).toMillis());
        assertThat(OpenTime.between(null, at(2, 10, 0), at(2, 10, 30))).isNull();
        assertThat(OpenTime.between(new ServiceHours(PARIS.getId(), false, List.of()), at(2, 10, 0), at(2, 11, 0)))
                .isNull();
    }

    @Test
    void the_measured_open_time_is_the_longest_sla_whose_deadline_is_not_after_the_end() {
        Random random = new Random(22);
        for (int i = 0; i < 200; i++) {
            Instant start = at(1, 0, 0).plus(Duration.ofMinutes(random.nextInt(60 * 24 * 20)));
            Instant end = start.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 10)));
            long open = OpenTime.between(OFFICE, start, end);
            if (open > 0) {
                assertThat(DeadlineCalendar.deadline(OFFICE, start, Duration.ofMillis(open))).isBeforeOrEqualTo(end);
            }
            assertThat(DeadlineCalendar.deadline(OFFICE, start, Duration.ofMillis(open + 1))).isAfter(end);
        }
    }

    private static Instant at(int day, int hour, int minute) {
        return LocalDateTime.of(2026, 11, day, hour, minute).atZone(PARIS).toInstant();
    }
}
