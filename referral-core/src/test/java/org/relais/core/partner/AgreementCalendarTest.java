package org.relais.core.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.Category;
import org.relais.core.api.partner.ClosurePeriod;
import org.relais.core.api.partner.OpeningPeriod;
import org.relais.core.api.partner.ServiceHours;
import org.relais.core.api.partner.SlaKind;
import org.relais.core.api.TransferPurpose;

/**
 * Deadlines on an office's real calendar, worked by hand: Monday to Friday 09:00-12:30 and 13:30-17:00 in Paris
 * (seven open hours a day), French public holidays, a bridge day and a summer closure.
 */
class AgreementCalendarTest {

    private static final ServiceHours OFFICE = new ServiceHours("Europe/Paris", false, Stream.of(DayOfWeek.MONDAY,
                    DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)
            .flatMap(day -> Stream.of(new OpeningPeriod(day, LocalTime.of(9, 0), LocalTime.of(12, 30)),
                    new OpeningPeriod(day, LocalTime.of(13, 30), LocalTime.of(17, 0))))
            .toList());

    private static AgreementTerms terms(SlaKind kind, Duration sla, List<ClosurePeriod> closures, String holidays) {
        return new AgreementTerms(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1), null,
                Set.of(Category.CYBERHARASSMENT), Set.of(TransferPurpose.LEGAL_ADVICE), Set.of(), sla, OFFICE, kind,
                closures, holidays);
    }

    @Test
    void one_day_of_open_hours_means_one_day_not_three() {
        // Before SLA kinds, P1D meant 24 open hours: three and a half office days. As working days it is one.
        AgreementTerms terms = terms(SlaKind.WORKING_DAYS, Duration.ofDays(1), List.of(), null);

        // Requested on Monday 2 March 2026 at 10:00 Paris: due at the end of Tuesday's service.
        assertThat(DeadlineCalendar.deadline(terms, Instant.parse("2026-03-02T09:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-03T16:00:00Z"));
    }

    @Test
    void working_days_skip_weekends_public_holidays_and_closures() {
        // Thursday 30 April 2026, 16:00 Paris. Friday 1 May is a holiday, the weekend is closed, Monday 4 May is a
        // bridge day, Tuesday 5 May is the first working day, Wednesday 6 the second, Thursday 7 the third; Friday
        // 8 May is a holiday again.
        AgreementTerms terms = terms(SlaKind.WORKING_DAYS, Duration.ofDays(3),
                List.of(ClosurePeriod.day(LocalDate.of(2026, 5, 4))), "FR");

        assertThat(DeadlineCalendar.deadline(terms, Instant.parse("2026-04-30T14:00:00Z")))
                .isEqualTo(Instant.parse("2026-05-07T15:00:00Z"));
        assertThat(DeadlineCalendar.workingDaysDeadline(terms, Instant.parse("2026-04-30T14:00:00Z"), 4))
                .isEqualTo(Instant.parse("2026-05-11T15:00:00Z"));
    }

    @Test
    void open_hours_skip_a_summer_closure_and_the_holiday_in_it() {
        // Friday 31 July 2026 16:00 Paris, 4 open hours: 1 hour that Friday, then the office is closed from 3 to 21
        // August and on the 15th anyway; Monday 3 August is closed, so the 3 hours left run on Monday 24 August, 09:00 to 12:00.
        AgreementTerms terms = terms(SlaKind.OPEN_HOURS, Duration.ofHours(4),
                List.of(new ClosurePeriod(LocalDate.of(2026, 8, 3), LocalDate.of(2026, 8, 21))), "FR");

        Instant deadline = DeadlineCalendar.deadline(terms, Instant.parse("2026-07-31T14:00:00Z"));

        assertThat(deadline).isEqualTo(Instant.parse("2026-08-24T10:00:00Z"));
        assertThat(DeadlineCalendar.openTimeBetween(terms, Instant.parse("2026-07-31T14:00:00Z"), deadline))
                .isEqualTo(Duration.ofHours(4));
    }

    @Test
    void the_clock_change_moves_the_end_of_service_not_the_working_day() {
        // Friday 27 March 2026 at 10:00 Paris (UTC+1); clocks go forward on Sunday 29; Monday's service ends at
        // 17:00 summer time, 15:00 UTC.
        AgreementTerms terms = terms(SlaKind.WORKING_DAYS, Duration.ofDays(1), List.of(), "FR");

        assertThat(DeadlineCalendar.deadline(terms, Instant.parse("2026-03-27T09:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-30T15:00:00Z"));
    }

    @Test
    void an_evening_period_stops_at_the_midnight_before_a_closed_day() {
        ServiceHours evenings = new ServiceHours("Europe/Paris", false,
                List.of(new OpeningPeriod(DayOfWeek.THURSDAY, LocalTime.of(22, 0), LocalTime.of(2, 0)),
                        new OpeningPeriod(DayOfWeek.SATURDAY, LocalTime.of(22, 0), LocalTime.of(2, 0))));
        AgreementTerms terms = new AgreementTerms(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1), null,
                Set.of(Category.CYBERHARASSMENT), Set.of(TransferPurpose.LEGAL_ADVICE), Set.of(), Duration.ofHours(3),
                evenings, SlaKind.OPEN_HOURS, List.of(), "FR");

        // Thursday 30 April 22:00 Paris: two hours to midnight, Friday 1 May is a holiday, the last hour runs on
        // Saturday evening.
        assertThat(DeadlineCalendar.deadline(terms, Instant.parse("2026-04-30T20:00:00Z")))
                .isEqualTo(Instant.parse("2026-05-02T21:00:00Z"));
    }

    @Test
    void open_time_between_two_instants_counts_only_service_hours() {
        AgreementTerms terms = terms(SlaKind.OPEN_HOURS, Duration.ofHours(1), List.of(), "FR");

        // Monday 13 April 2026 08:00 to Wednesday 15 April 10:00 Paris: 7 + 7 + 1 hours.
        assertThat(DeadlineCalendar.openTimeBetween(terms, Instant.parse("2026-04-13T06:00:00Z"),
                Instant.parse("2026-04-15T08:00:00Z"))).isEqualTo(Duration.ofHours(15));
        // Easter Monday 6 April 2026 is a holiday.
        assertThat(DeadlineCalendar.openTimeBetween(terms, Instant.parse("2026-04-06T06:00:00Z"),
                Instant.parse("2026-04-06T18:00:00Z"))).isZero();
    }
}
