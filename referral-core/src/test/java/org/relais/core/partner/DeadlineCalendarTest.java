package org.relais.core.partner;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.relais.core.api.partner.OpeningPeriod;
import org.relais.core.api.partner.ServiceHours;

class DeadlineCalendarTest {

    private static final String PARIS = "Europe/Paris";

    @Test
    void four_hour_sla_requested_at_22h_from_a_partner_open_9_to_23_ends_at_noon_the_next_day() {
        ServiceHours hours = everyDay("09:00", "23:00");

        Instant deadline = DeadlineCalendar.deadline(hours, paris("2026-01-14T22:00"), Duration.ofHours(4));

        assertThat(deadline).isEqualTo(paris("2026-01-15T12:00")).isEqualTo("2026-01-15T11:00:00Z");
    }

    @Test
    void request_made_while_closed_starts_counting_at_the_next_opening() {
        ServiceHours hours = everyDay("09:00", "23:00");

        Instant deadline = DeadlineCalendar.deadline(hours, paris("2026-01-15T03:00"), Duration.ofHours(2));

        assertThat(deadline).isEqualTo(paris("2026-01-15T11:00"));
    }

    @Test
    void partner_closed_at_the_weekend_carries_the_rest_of_the_sla_over_to_monday() {
        ServiceHours hours = weekdays("09:00", "17:00");

        // Friday 16:00: one hour on Friday, three on Monday morning.
        Instant deadline = DeadlineCalendar.deadline(hours, paris("2026-01-16T16:00"), Duration.ofHours(4));

        assertThat(deadline).isEqualTo(paris("2026-01-19T12:00"));
    }

    @Test
    void lunch_break_between_two_periods_a_day_is_not_counted() {
        List<OpeningPeriod> periods = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            periods.add(period(day, "09:00", "12:00"));
            periods.add(period(day, "14:00", "18:00"));
        }
        ServiceHours hours = new ServiceHours(PARIS, false, periods);

        Instant deadline = DeadlineCalendar.deadline(hours, paris("2026-01-15T11:00"), Duration.ofHours(2));

        assertThat(deadline).isEqualTo(paris("2026-01-15T15:00"));
    }

    @Test
    void night_period_running_past_midnight_counts_until_it_closes_the_next_morning() {
        ServiceHours hours = everyDay("20:00", "02:00");

        // Saturday 01:00 belongs to Friday's night: one hour left, then two from Saturday 20:00.
        Instant deadline = DeadlineCalendar.deadline(hours, paris("2026-01-17T01:00"), Duration.ofHours(3));

        assertThat(deadline).isEqualTo(paris("2026-01-17T22:00"));
    }

    @Test
    void period_closing_at_midnight_ends_at_the_start_of_the_next_day() {
        ServiceHours hours = everyDay("18:00", "00:00");

        Instant deadline = DeadlineCalendar.deadline(hours, paris("2026-01-15T23:00"), Duration.ofHours(2));

        assertThat(deadline).isEqualTo(paris("2026-01-16T19:00"));
    }

    @Test
    void spring_forward_night_is_one_hour_shorter_in_real_time() {
        // 29 March 2026, last Sunday of March: 02:00 CET jumps to 03:00 CEST (01:00Z).
        ServiceHours hours = everyDay("20:00", "06:00");
        Instant saturdayEvening = Instant.parse("2026-03-28T19:00:00Z"); // 20:00 CET

        assertThat(DeadlineCalendar.deadline(hours, saturdayEvening, Duration.ofHours(8)))
                .isEqualTo("2026-03-29T03:00:00Z"); // 05:00 CEST, not 04:00
        // The night holds nine real hours; the tenth is taken on Sunday evening at 20:00 CEST (18:00Z).
        assertThat(DeadlineCalendar.deadline(hours, saturdayEvening, Duration.ofHours(10)))
                .isEqualTo("2026-03-29T19:00:00Z");
    }

    @Test
    void spring_forward_day_keeps_daytime_hours_in_the_new_offset() {
        ServiceHours hours = everyDay("09:00", "23:00");

        Instant deadline = DeadlineCalendar.deadline(hours, Instant.parse("2026-03-28T21:00:00Z"), Duration.ofHours(4));

        assertThat(deadline).isEqualTo("2026-03-29T10:00:00Z"); // 12:00 CEST
    }

    @Test
    void opening_inside_the_skipped_hour_opens_at_the_change() {
        ServiceHours hours = new ServiceHours(PARIS, false, List.of(period(DayOfWeek.SUNDAY, "02:30", "05:00")));

        Instant deadline = DeadlineCalendar.deadline(hours, Instant.parse("2026-03-28T12:00:00Z"),
                Duration.ofMinutes(30));

        assertThat(deadline).isEqualTo("2026-03-29T01:30:00Z"); // 03:30 CEST, half an hour after the change
    }

    @Test
    void fall_back_night_is_one_hour_longer_in_real_time() {
        // 25 October 2026, last Sunday of October: 03:00 CEST falls back to 02:00 CET (01:00Z).
        ServiceHours hours = everyDay("20:00", "06:00");
        Instant saturdayEvening = Instant.parse("2026-10-24T18:00:00Z"); // 20:00 CEST

        assertThat(DeadlineCalendar.deadline(hours, saturdayEvening, Duration.ofHours(10)))
                .isEqualTo("2026-10-25T04:00:00Z"); // 05:00 CET, not 06:00
        // The night holds eleven real hours; the twelfth is taken on Sunday evening at 20:00 CET (19:00Z).
        assertThat(DeadlineCalendar.deadline(hours, saturdayEvening, Duration.ofHours(12)))
                .isEqualTo("2026-10-25T20:00:00Z");
    }

    @Test
    void fall_back_period_spanning_the_repeated_hour_counts_it_twice() {
        ServiceHours hours = new ServiceHours(PARIS, false, List.of(period(DayOfWeek.SUNDAY, "01:00", "04:00")));

        // 01:00 CEST is 23:00Z; 04:00 CET is 03:00Z: four real hours.
        Instant deadline = DeadlineCalendar.deadline(hours, Instant.parse("2026-10-24T12:00:00Z"), Duration.ofHours(4));

        assertThat(deadline).isEqualTo("2026-10-25T03:00:00Z");
    }

    @Test
    void opening_inside_the_repeated_hour_opens_at_its_first_occurrence() {
        ServiceHours hours = new ServiceHours(PARIS, false, List.of(period(DayOfWeek.SUNDAY, "02:30", "05:00")));

        // The first 02:30 is 02:30 CEST (00:30Z); 05:00 CET is 04:00Z: three and a half real hours.
        Instant deadline = DeadlineCalendar.deadline(hours, Instant.parse("2026-10-24T12:00:00Z"),
                Duration.ofMinutes(210));

        assertThat(deadline).isEqualTo("2026-10-25T04:00:00Z");
        assertThat(DeadlineCalendar.isOpen(hours, Instant.parse("2026-10-25T00:30:00Z"))).isTrue();
    }

    @Test
    void always_open_partner_gets_the_plain_sla() {
        Instant requestedAt = Instant.parse("2026-03-29T00:30:00Z");

        assertThat(DeadlineCalendar.deadline(ServiceHours.alwaysOpen(PARIS), requestedAt, Duration.ofHours(4)))
                .isEqualTo("2026-03-29T04:30:00Z");
    }

    @Test
    void thirty_second_sla_just_before_closing_spills_over_to_the_next_opening() {
        ServiceHours hours = everyDay("09:00", "23:00");

        Instant deadline = DeadlineCalendar.deadline(hours, paris("2026-01-14T22:59:45"), Duration.ofSeconds(30));

        assertThat(deadline).isEqualTo(paris("2026-01-15T09:00:15"));
    }

    @Test
    void three_day_sla_on_a_daytime_schedule_runs_over_several_days() {
        ServiceHours hours = everyDay("09:00", "23:00");

        // 72 h at 14 h a day: five full days (70 h), then two hours on the sixth.
        Instant deadline = DeadlineCalendar.deadline(hours, paris("2026-01-12T09:00"), Duration.ofDays(3));

        assertThat(deadline).isEqualTo(paris("2026-01-17T11:00"));
    }

    @Test
    void thirty_day_sla_on_office_hours_spans_eighteen_weeks_across_the_spring_change() {
        ServiceHours hours = weekdays("09:00", "17:00");

        // 720 h at 40 h a week is exactly 18 weeks: the deadline is the close of the 18th Friday.
        Instant deadline = DeadlineCalendar.deadline(hours, paris("2026-01-05T09:00"), Duration.ofDays(30));

        assertThat(deadline).isEqualTo(paris("2026-05-08T17:00")).isEqualTo("2026-05-08T15:00:00Z");
    }

    @Test
    void overlapping_periods_are_counted_once() {
        ServiceHours hours = new ServiceHours(PARIS, false, List.of(
                period(MONDAY, "09:00", "13:00"), period(MONDAY, "11:00", "15:00"), period(MONDAY, "12:00", "12:30")));

        Instant deadline = DeadlineCalendar.deadline(hours, paris("2026-01-12T08:00"), Duration.ofHours(6));

        assertThat(deadline).isEqualTo(paris("2026-01-12T15:00"));
    }

    @Test
    void open_is_inclusive_of_the_opening_and_exclusive_of_the_closing() {
        ServiceHours hours = everyDay("09:00", "23:00");

        assertThat(DeadlineCalendar.isOpen(hours, paris("2026-01-14T09:00"))).isTrue();
        assertThat(DeadlineCalendar.isOpen(hours, paris("2026-01-14T22:59:59"))).isTrue();
        assertThat(DeadlineCalendar.isOpen(hours, paris("2026-01-14T23:00"))).isFalse();
        assertThat(DeadlineCalendar.isOpen(everyDay("20:00", "02:00"), paris("2026-01-14T01:00"))).isTrue();
        assertThat(DeadlineCalendar.isOpen(ServiceHours.alwaysOpen(PARIS), paris("2026-01-14T04:00"))).isTrue();
    }

    @Test
    void schedule_without_periods_that_is_not_always_open_is_refused() {
        ServiceHours never = new ServiceHours(PARIS, false, List.of());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> DeadlineCalendar.deadline(never, paris("2026-01-14T09:00"), Duration.ofHours(1)));
    }

    @Test
    void unknown_zone_is_refused() {
        ServiceHours hours = new ServiceHours("Europe/Atlantis", false, List.of(period(MONDAY, "09:00", "17:00")));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> DeadlineCalendar.deadline(hours, paris("2026-01-14T09:00"), Duration.ofHours(1)));
    }

    static ServiceHours everyDay(String from, String to) {
        List<OpeningPeriod> periods = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            periods.add(period(day, from, to));
        }
        return new ServiceHours(PARIS, false, periods);
    }

    static ServiceHours weekdays(String from, String to) {
        return new ServiceHours(PARIS, false, List.of(period(MONDAY, from, to), period(TUESDAY, from, to),
                period(WEDNESDAY, from, to), period(THURSDAY, from, to), period(FRIDAY, from, to)));
    }

    static OpeningPeriod period(DayOfWeek day, String from, String to) {
        return new OpeningPeriod(day, LocalTime.parse(from), LocalTime.parse(to));
    }

    private static Instant paris(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(PARIS)).toInstant();
    }
}
