package org.relais.core.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.Category;
import org.relais.core.api.partner.ClosurePeriod;
import org.relais.core.api.partner.OpeningPeriod;
import org.relais.core.api.partner.ServiceHours;
import org.relais.core.api.partner.SlaKind;
import org.relais.core.api.TransferPurpose;

/**
 * Properties of an agreement's calendar (weekly hours, closure days, public holidays) over random calendars, in
 * zones with and without daylight saving and with requests biased towards the clock changes of 2025 to 2027.
 */
class AgreementCalendarPropertiesTest {

    private static final List<String> ZONES = List.of("Europe/Paris", "America/New_York", "UTC",
            "Australia/Lord_Howe");
    private static final Instant FIRST_REQUEST = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant LAST_REQUEST = Instant.parse("2027-12-31T00:00:00Z");

    @Property(tries = 300)
    void open_time_from_the_request_to_the_deadline_is_exactly_the_sla(@ForAll("calendars") Calendar calendar,
                                                                       @ForAll("slas") Duration sla) {
        AgreementTerms terms = calendar.terms(SlaKind.OPEN_HOURS, sla);

        Instant deadline = DeadlineCalendar.deadline(terms, calendar.requestedAt());

        assertThat(DeadlineCalendar.openTimeBetween(terms, calendar.requestedAt(), deadline)).isEqualTo(sla);
    }

    @Property(tries = 300)
    void a_deadline_is_never_earlier_than_the_slas_open_time(@ForAll("calendars") Calendar calendar,
                                                             @ForAll("slas") Duration sla) {
        AgreementTerms terms = calendar.terms(SlaKind.OPEN_HOURS, sla);

        assertThat(DeadlineCalendar.deadline(terms, calendar.requestedAt()))
                .isAfterOrEqualTo(calendar.requestedAt().plus(sla))
                .isAfterOrEqualTo(DeadlineCalendar.deadline(terms.serviceHours(), calendar.requestedAt(), sla));
    }

    @Property(tries = 300)
    void an_open_hours_deadline_never_falls_in_a_closure(@ForAll("calendars") Calendar calendar,
                                                         @ForAll("slas") Duration sla) {
        AgreementTerms terms = calendar.terms(SlaKind.OPEN_HOURS, sla);

        assertNotInsideAClosure(terms, DeadlineCalendar.deadline(terms, calendar.requestedAt()));
    }

    @Property(tries = 300)
    void a_working_days_deadline_never_falls_in_a_closure(@ForAll("calendars") Calendar calendar,
                                                          @ForAll("days") int days) {
        AgreementTerms terms = calendar.terms(SlaKind.WORKING_DAYS, Duration.ofDays(days));

        Instant deadline = DeadlineCalendar.deadline(terms, calendar.requestedAt());

        assertThat(deadline).isAfter(calendar.requestedAt());
        assertNotInsideAClosure(terms, deadline);
    }

    @Property(tries = 300)
    void one_more_working_day_is_never_an_earlier_deadline(@ForAll("calendars") Calendar calendar,
                                                           @ForAll("days") int days) {
        AgreementTerms terms = calendar.terms(SlaKind.WORKING_DAYS, Duration.ofDays(days));

        // Not always strictly later: an evening period running to 02:00 may end after the next day's 00:00-01:00.
        assertThat(DeadlineCalendar.workingDaysDeadline(terms, calendar.requestedAt(), days + 1))
                .isAfterOrEqualTo(DeadlineCalendar.workingDaysDeadline(terms, calendar.requestedAt(), days));
    }

    @Property(tries = 200)
    void no_open_time_is_counted_inside_a_closed_day(@ForAll("calendars") Calendar calendar) {
        AgreementTerms terms = calendar.terms(SlaKind.OPEN_HOURS, Duration.ofHours(1));
        ZoneId zone = ZoneId.of(terms.serviceHours().zoneId());
        LocalDate first = LocalDate.ofInstant(calendar.requestedAt(), zone);

        for (LocalDate day = first; day.isBefore(first.plusDays(60)); day = day.plusDays(1)) {
            if (DeadlineCalendar.isClosedDay(terms, day)) {
                Instant start = day.atStartOfDay(zone).toInstant();
                Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
                assertThat(DeadlineCalendar.openTimeBetween(terms, start, end)).as("open time on " + day).isZero();
                assertThat(DeadlineCalendar.isOpen(terms, start.plus(Duration.between(start, end).dividedBy(2))))
                        .isFalse();
            }
        }
    }

    @Property(tries = 200)
    void without_closures_the_calendar_is_the_weekly_schedule(@ForAll("calendars") Calendar calendar,
                                                              @ForAll("slas") Duration sla) {
        AgreementTerms terms = new AgreementTerms(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 1), null,
                Set.of(Category.CYBERHARASSMENT), Set.of(TransferPurpose.LEGAL_ADVICE), Set.of(), sla,
                calendar.hours());

        assertThat(DeadlineCalendar.deadline(terms, calendar.requestedAt()))
                .isEqualTo(DeadlineCalendar.deadline(calendar.hours(), calendar.requestedAt(), sla));
    }

    @Property(tries = 200)
    void open_time_counted_in_two_parts_adds_up(@ForAll("calendars") Calendar calendar,
                                                @ForAll("slas") Duration first, @ForAll("slas") Duration second) {
        AgreementTerms terms = calendar.terms(SlaKind.OPEN_HOURS, first);
        Instant middle = DeadlineCalendar.deadline(terms, calendar.requestedAt(), first);

        // A pause right at the middle that resumes at once: the two halves make the whole SLA.
        assertThat(DeadlineCalendar.deadline(terms, middle, second))
                .isEqualTo(DeadlineCalendar.deadline(terms, calendar.requestedAt(), first.plus(second)));
    }

    private static void assertNotInsideAClosure(AgreementTerms terms, Instant deadline) {
        ZoneId zone = ZoneId.of(terms.serviceHours().zoneId());
        LocalDate day = LocalDate.ofInstant(deadline, zone);
        // The end of an evening period that a closure cuts at midnight is the closed day's first instant: allowed.
        if (DeadlineCalendar.isClosedDay(terms, day)) {
            assertThat(deadline).as("deadline on closed day " + day).isEqualTo(day.atStartOfDay(zone).toInstant());
        }
    }

    record Calendar(ServiceHours hours, List<ClosurePeriod> closures, String holidays, Instant requestedAt) {

        AgreementTerms terms(SlaKind kind, Duration sla) {
            return new AgreementTerms(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 1), null,
                    Set.of(Category.CYBERHARASSMENT), Set.of(TransferPurpose.LEGAL_ADVICE), Set.of(), sla, hours,
                    kind, closures, holidays);
        }
    }

    @Provide
    Arbitrary<Calendar> calendars() {
        return Arbitraries.of(ZONES).map(ZoneId::of).flatMap(zone -> instant(zone).flatMap(at -> {
            LocalDate requestDay = LocalDate.ofInstant(at, zone);
            return Combinators.combine(hours(zone), closures(requestDay),
                            Arbitraries.of("FR", "FR-57", "FR-67", "FR-68").injectNull(0.4))
                    .as((hours, closures, holidays) -> new Calendar(hours, closures, holidays, at));
        }));
    }

    @Provide
    Arbitrary<Duration> slas() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, 3_600).map(Duration::ofSeconds),
                Arbitraries.longs().between(1, 72).map(Duration::ofHours));
    }

    @Provide
    Arbitrary<Integer> days() {
        return Arbitraries.integers().between(1, 30);
    }

    private static Arbitrary<ServiceHours> hours(ZoneId zone) {
        Arbitrary<LocalTime> boundary = Arbitraries.frequencyOf(
                        Tuple.of(1, Arbitraries.integers().between(0, 23)),
                        Tuple.of(1, Arbitraries.integers().between(0, 4)))
                .map(hour -> LocalTime.of(hour, 0));
        Arbitrary<OpeningPeriod> period = Combinators.combine(Arbitraries.of(DayOfWeek.class), boundary, boundary)
                .filter((day, from, to) -> !from.equals(to))
                .as(OpeningPeriod::new);
        Arbitrary<ServiceHours> weekly = period.list().ofMinSize(1).ofMaxSize(10)
                .map(periods -> new ServiceHours(zone.getId(), false, periods));
        return Arbitraries.frequencyOf(Tuple.of(4, weekly), Tuple.of(1, Arbitraries.just(ServiceHours.alwaysOpen(
                zone.getId()))));
    }

    /** Up to six closures of up to ten days, around the request so that the deadlines meet them. */
    private static Arbitrary<List<ClosurePeriod>> closures(LocalDate requestDay) {
        Arbitrary<ClosurePeriod> closure = Combinators.combine(Arbitraries.integers().between(-5, 40),
                        Arbitraries.integers().between(0, 9))
                .as((offset, length) -> new ClosurePeriod(requestDay.plusDays(offset),
                        requestDay.plusDays(offset + length)));
        return closure.list().ofMaxSize(6).map(ArrayList::new);
    }

    private static Arbitrary<Instant> instant(ZoneId zone) {
        Arbitrary<Instant> anytime = Arbitraries.longs()
                .between(FIRST_REQUEST.getEpochSecond(), LAST_REQUEST.getEpochSecond())
                .map(Instant::ofEpochSecond);
        List<Instant> changes = new ArrayList<>();
        var next = zone.getRules().nextTransition(FIRST_REQUEST);
        while (next != null && next.getInstant().isBefore(LAST_REQUEST)) {
            changes.add(next.getInstant());
            next = zone.getRules().nextTransition(next.getInstant());
        }
        if (changes.isEmpty()) {
            return anytime;
        }
        Arbitrary<Instant> nearAChange = Combinators.combine(Arbitraries.of(changes),
                        Arbitraries.longs().between(-36 * 3_600, 3 * 3_600))
                .as(Instant::plusSeconds);
        return Arbitraries.frequencyOf(Tuple.of(1, anytime), Tuple.of(1, nearAChange))
                .map(instant -> instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
