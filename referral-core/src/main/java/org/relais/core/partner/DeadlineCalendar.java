package org.relais.core.partner;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.partner.ClosurePeriod;
import org.relais.core.api.partner.OpeningPeriod;
import org.relais.core.api.partner.ServiceHours;
import org.relais.core.api.partner.SlaKind;

/**
 * Computes acknowledgement deadlines on a partner's service hours.
 * <p>
 * The weekly schedule is written in local time, but what is counted is real elapsed time: each opening period is
 * turned into an interval of instants and the SLA is consumed on those intervals. So the night of the spring-forward
 * change is one hour shorter and the night of the fall-back change one hour longer, as a person on duty lives them.
 * Local times that do not exist (the skipped hour) are moved to the instant of the change; local times that happen
 * twice (the repeated hour) are taken at their first occurrence. Both choices keep the local-to-instant mapping
 * monotonic, so a period never turns into a negative interval.
 * <p>
 * An agreement's calendar (the methods taking {@link AgreementTerms}) also closes its closure days and public
 * holidays: a period opening on a closed day counts for nothing, and a period running past midnight into a closed
 * day stops at that midnight, so no open time is ever counted inside a closure.
 */
public final class DeadlineCalendar {

    private DeadlineCalendar() {
    }

    /**
     * The instant at which {@code sla} of open time has elapsed since {@code requestedAt}. A request made while the
     * partner is closed starts counting at the next opening; a deadline that uses up a period exactly falls on the
     * period's end.
     *
     * @throws IllegalArgumentException if the schedule has neither periods nor "always open", if its zone is
     *                                  unknown, or if the SLA is negative
     */
    public static Instant deadline(ServiceHours hours, Instant requestedAt, Duration sla) {
        return openTimeDeadline(Schedule.of(hours, day -> false, false), requestedAt, sla);
    }

    /**
     * The acknowledgement deadline of a transfer requested at {@code requestedAt} under {@code terms}: the SLA's
     * open time on the agreement's calendar, or, for {@link SlaKind#WORKING_DAYS}, the end of the partner's service
     * on the n-th working day after the day of the request (a working day is one that is not closed and has at
     * least one opening period; n is the SLA's whole days).
     */
    public static Instant deadline(AgreementTerms terms, Instant requestedAt) {
        if (terms.slaKind() == SlaKind.WORKING_DAYS) {
            return workingDaysDeadline(terms, requestedAt, terms.acknowledgementSla().toDays());
        }
        return deadline(terms, requestedAt, terms.acknowledgementSla());
    }

    /** The instant at which {@code openTime} of the agreement's open time has elapsed since {@code from}. */
    public static Instant deadline(AgreementTerms terms, Instant from, Duration openTime) {
        return openTimeDeadline(Schedule.of(terms), from, openTime);
    }

    /**
     * The end of the partner's service on the {@code days}-th working day after the day {@code requestedAt} falls
     * on at the partner.
     */
    public static Instant workingDaysDeadline(AgreementTerms terms, Instant requestedAt, long days) {
        if (days < 1) {
            throw new IllegalArgumentException("A working-days SLA counts at least one day.");
        }
        Schedule schedule = Schedule.of(terms);
        LocalDate day = schedule.localDate(requestedAt);
        long counted = 0;
        // Service may run on past midnight beyond the next day's own periods (22:00-02:00, then 00:00-01:00): the
        // end of service on a day is never taken to be before the end of the service of the days counted before it.
        Instant end = requestedAt;
        for (int searched = 0; searched < Schedule.SEARCH_LIMIT_DAYS; searched++) {
            day = day.plusDays(1);
            List<Interval> open = schedule.openOn(day);
            if (open.isEmpty()) {
                continue;
            }
            Instant dayEnd = open.stream().map(Interval::end).max(Comparator.naturalOrder()).orElseThrow();
            end = dayEnd.isAfter(end) ? dayEnd : end;
            if (++counted == days) {
                return end;
            }
        }
        throw new IllegalArgumentException("The calendar has no working day left.");
    }

    /**
     * The partner's open time between {@code from} and {@code to} on the agreement's calendar (zero if {@code to}
     * is not after {@code from}): what a paused deadline keeps, and what a reminder takes its share of.
     */
    public static Duration openTimeBetween(AgreementTerms terms, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Schedule schedule = Schedule.of(terms);
        Duration total = Duration.ZERO;
        Instant cursor = from;
        for (LocalDate day = schedule.localDate(from).minusDays(1); !day.isAfter(schedule.localDate(to));
             day = day.plusDays(1)) {
            for (Interval open : schedule.openOn(day)) {
                Instant start = open.start().isAfter(cursor) ? open.start() : cursor;
                Instant end = open.end().isBefore(to) ? open.end() : to;
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
                if (open.end().isAfter(cursor)) {
                    cursor = open.end();
                }
            }
        }
        return total;
    }

    /** Whether the agreement's calendar closes {@code day} (a closure day or a public holiday). */
    public static boolean isClosedDay(AgreementTerms terms, LocalDate day) {
        return closedDays(terms).test(day);
    }

    /** Whether the partner is open at {@code instant} on the agreement's calendar. */
    public static boolean isOpen(AgreementTerms terms, Instant instant) {
        return isOpen(Schedule.of(terms), instant);
    }

    private static Instant openTimeDeadline(Schedule schedule, Instant requestedAt, Duration sla) {
        if (sla == null || sla.isNegative()) {
            throw new IllegalArgumentException("The SLA must be zero or positive.");
        }
        if (requestedAt == null) {
            throw new IllegalArgumentException("The request instant is required.");
        }
        if (schedule.isAlwaysOpenWithoutClosures()) {
            return requestedAt.plus(sla);
        }
        // Intervals come in order of their start, so everything before the cursor has been counted already (or
        // lies before the request): overlapping periods are never counted twice.
        Instant cursor = requestedAt;
        Duration remaining = sla;
        // No bound: every schedule has open time each week, and closures are finite (at most 100 of at most a year).
        for (LocalDate day = schedule.localDate(requestedAt).minusDays(1); ; day = day.plusDays(1)) {
            for (Interval open : schedule.openOn(day)) {
                Instant start = open.start().isAfter(cursor) ? open.start() : cursor;
                if (!open.end().isAfter(start)) {
                    continue;
                }
                Duration available = Duration.between(start, open.end());
                if (remaining.compareTo(available) <= 0) {
                    return start.plus(remaining);
                }
                remaining = remaining.minus(available);
                cursor = open.end();
            }
        }
    }

    private static Predicate<LocalDate> closedDays(AgreementTerms terms) {
        List<ClosurePeriod> closures = terms.closures();
        HolidayCalendar holidays = terms.holidayCalendar() == null ? null
                : HolidayCalendar.byId(terms.holidayCalendar()).orElseThrow(
                        () -> new IllegalArgumentException("Unknown holiday calendar."));
        Map<Integer, Set<LocalDate>> holidaysByYear = new HashMap<>();
        return day -> closures.stream().anyMatch(closure -> closure.includes(day))
                || holidays != null && holidaysByYear.computeIfAbsent(day.getYear(), holidays::holidays).contains(day);
    }

    /** Whether the partner is open at {@code instant}: inside a period, its start included and its end excluded. */
    public static boolean isOpen(ServiceHours hours, Instant instant) {
        return isOpen(Schedule.of(hours, day -> false, false), instant);
    }

    private static boolean isOpen(Schedule schedule, Instant instant) {
        if (schedule.isAlwaysOpenWithoutClosures()) {
            return true;
        }
        LocalDate today = schedule.localDate(instant);
        for (LocalDate day = today.minusDays(1); !day.isAfter(today); day = day.plusDays(1)) {
            for (Interval open : schedule.openOn(day)) {
                if (!instant.isBefore(open.start()) && instant.isBefore(open.end())) {
                    return true;
                }
            }
        }
        return false;
    }

    private record Interval(Instant start, Instant end) {
    }

    /**
     * The periods grouped by weekday and sorted by opening time ({@code alwaysOpen}: one period from midnight to
     * midnight each day), and the days the calendar closes.
     */
    private record Schedule(ZoneId zone, boolean alwaysOpen, Map<DayOfWeek, List<OpeningPeriod>> periodsByDay,
                            Predicate<LocalDate> closed, boolean hasClosures) {

        /** How far a search for working days goes (ten years) before the calendar is taken to be closed for good. */
        static final int SEARCH_LIMIT_DAYS = 3660;

        static Schedule of(AgreementTerms terms) {
            if (terms == null) {
                throw new IllegalArgumentException("Agreement terms are required.");
            }
            return of(terms.serviceHours(), closedDays(terms),
                    !terms.closures().isEmpty() || terms.holidayCalendar() != null);
        }

        static Schedule of(ServiceHours hours, Predicate<LocalDate> closed, boolean hasClosures) {
            if (hours == null) {
                throw new IllegalArgumentException("Service hours are required.");
            }
            ZoneId zone;
            try {
                zone = ZoneId.of(hours.zoneId());
            } catch (DateTimeException | NullPointerException e) {
                if (hours.alwaysOpen()) {
                    zone = ZoneId.of("UTC");
                } else {
                    throw new IllegalArgumentException("Unknown time zone.", e);
                }
            }
            Map<DayOfWeek, List<OpeningPeriod>> byDay = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek day : DayOfWeek.values()) {
                byDay.put(day, new ArrayList<>());
            }
            if (hours.alwaysOpen()) {
                return new Schedule(zone, true, byDay, closed, hasClosures);
            }
            if (hours.periods().isEmpty()) {
                throw new IllegalArgumentException("A schedule that is not always open needs at least one period.");
            }
            for (OpeningPeriod period : hours.periods()) {
                if (period == null || period.day() == null || period.from() == null || period.to() == null) {
                    throw new IllegalArgumentException("An opening period needs a day, a start and an end.");
                }
                byDay.get(period.day()).add(period);
            }
            byDay.values().forEach(periods -> periods.sort(Comparator.comparing(OpeningPeriod::from)));
            return new Schedule(zone, false, byDay, closed, hasClosures);
        }

        boolean isAlwaysOpenWithoutClosures() {
            return alwaysOpen && !hasClosures;
        }

        LocalDate localDate(Instant instant) {
            return LocalDate.ofInstant(instant, zone);
        }

        /**
         * The periods that open on {@code day}, in order, those running past midnight ending on the next day, or at
         * that midnight when the next day is closed; none on a closed day.
         */
        List<Interval> openOn(LocalDate day) {
            if (closed.test(day)) {
                return List.of();
            }
            LocalDate next = day.plusDays(1);
            if (alwaysOpen) {
                return List.of(new Interval(instant(day, LocalTime.MIDNIGHT), instant(next, LocalTime.MIDNIGHT)));
            }
            List<OpeningPeriod> periods = periodsByDay.get(day.getDayOfWeek());
            List<Interval> intervals = new ArrayList<>(periods.size());
            for (OpeningPeriod period : periods) {
                boolean overnight = !period.to().isAfter(period.from());
                Instant end = !overnight ? instant(day, period.to())
                        : closed.test(next) ? instant(next, LocalTime.MIDNIGHT) : instant(next, period.to());
                intervals.add(new Interval(instant(day, period.from()), end));
            }
            return intervals;
        }

        private Instant instant(LocalDate day, LocalTime time) {
            LocalDateTime local = day.atTime(time);
            ZoneOffsetTransition transition = zone.getRules().getTransition(local);
            if (transition != null && transition.isGap()) {
                return transition.getInstant();
            }
            // ZonedDateTime.of keeps the earlier offset when the local time happens twice.
            return ZonedDateTime.of(local, zone).toInstant();
        }
    }
}
