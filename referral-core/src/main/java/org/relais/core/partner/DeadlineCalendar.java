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
import java.util.List;
import java.util.Map;

import org.relais.core.api.OpeningPeriod;
import org.relais.core.api.ServiceHours;

/**
 * Computes acknowledgement deadlines on a partner's service hours.
 * <p>
 * The weekly schedule is written in local time, but what is counted is real elapsed time: each opening period is
 * turned into an interval of instants and the SLA is consumed on those intervals. So the night of the spring-forward
 * change is one hour shorter and the night of the fall-back change one hour longer, as a person on duty lives them.
 * Local times that do not exist (the skipped hour) are moved to the instant of the change; local times that happen
 * twice (the repeated hour) are taken at their first occurrence. Both choices keep the local-to-instant mapping
 * monotonic, so a period never turns into a negative interval.
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
        if (sla == null || sla.isNegative()) {
            throw new IllegalArgumentException("The SLA must be zero or positive.");
        }
        if (requestedAt == null) {
            throw new IllegalArgumentException("The request instant is required.");
        }
        Schedule schedule = Schedule.of(hours);
        if (schedule == null) {
            return requestedAt.plus(sla);
        }
        // Intervals come in order of their start, so everything before the cursor has been counted already (or
        // lies before the request): overlapping periods are never counted twice.
        Instant cursor = requestedAt;
        Duration remaining = sla;
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

    /** Whether the partner is open at {@code instant}: inside a period, its start included and its end excluded. */
    public static boolean isOpen(ServiceHours hours, Instant instant) {
        Schedule schedule = Schedule.of(hours);
        if (schedule == null) {
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

    /** The periods grouped by weekday and sorted by opening time; null stands for "always open". */
    private record Schedule(ZoneId zone, Map<DayOfWeek, List<OpeningPeriod>> periodsByDay) {

        static Schedule of(ServiceHours hours) {
            if (hours == null) {
                throw new IllegalArgumentException("Service hours are required.");
            }
            if (hours.alwaysOpen()) {
                return null;
            }
            if (hours.periods().isEmpty()) {
                throw new IllegalArgumentException("A schedule that is not always open needs at least one period.");
            }
            ZoneId zone;
            try {
                zone = ZoneId.of(hours.zoneId());
            } catch (DateTimeException | NullPointerException e) {
                throw new IllegalArgumentException("Unknown time zone.", e);
            }
            Map<DayOfWeek, List<OpeningPeriod>> byDay = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek day : DayOfWeek.values()) {
                byDay.put(day, new ArrayList<>());
            }
            for (OpeningPeriod period : hours.periods()) {
                if (period == null || period.day() == null || period.from() == null || period.to() == null) {
                    throw new IllegalArgumentException("An opening period needs a day, a start and an end.");
                }
                byDay.get(period.day()).add(period);
            }
            byDay.values().forEach(periods -> periods.sort(Comparator.comparing(OpeningPeriod::from)));
            return new Schedule(zone, byDay);
        }

        LocalDate localDate(Instant instant) {
            return LocalDate.ofInstant(instant, zone);
        }

        /** The periods that open on {@code day}, in order, those running past midnight ending on the next day. */
        List<Interval> openOn(LocalDate day) {
            List<OpeningPeriod> periods = periodsByDay.get(day.getDayOfWeek());
            List<Interval> intervals = new ArrayList<>(periods.size());
            for (OpeningPeriod period : periods) {
                LocalDate closingDay = period.to().isAfter(period.from()) ? day : day.plusDays(1);
                intervals.add(new Interval(instant(day, period.from()), instant(closingDay, period.to())));
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
