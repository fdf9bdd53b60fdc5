package org.relais.projections.dashboard;

import java.time.Duration;
import java.time.Instant;

import org.relais.core.api.partner.ServiceHours;
import org.relais.core.partner.DeadlineCalendar;

/**
 * Open time between two instants on a partner's service hours: the longest SLA whose deadline, counted from the
 * start, is not after the end. Found by bisection on {@link DeadlineCalendar#deadline}, so that the dashboard
 * measures acknowledgements on exactly the calendar the deadlines were set on (closures included once it has them).
 */
final class OpenTime {

    private OpenTime() {
    }

    /** Milliseconds of open time from {@code start} to {@code end}; null when the hours cannot be used. */
    static Long between(ServiceHours hours, Instant start, Instant end) {
        long wall = Math.max(0, Duration.between(start, end).toMillis());
        if (hours == null) {
            return null;
        }
        try {
            long low = 0;
            long high = wall;
            while (low < high) {
                long middle = low + (high - low + 1) / 2;
                if (DeadlineCalendar.deadline(hours, start, Duration.ofMillis(middle)).isAfter(end)) {
                    high = middle - 1;
                } else {
                    low = middle;
                }
            }
            return low;
        } catch (IllegalArgumentException | java.time.DateTimeException unusable) {
            return null;
        }
    }
}
