package org.relais.core.api.partner;

import java.time.LocalDate;

/**
 * Days on which a partner's office is closed beyond its weekly schedule (a bridge day, a summer closure), in the
 * partner's local calendar, both ends included; a single day has {@code from} equal to {@code to}.
 */
public record ClosurePeriod(LocalDate from, LocalDate to) {

    public static ClosurePeriod day(LocalDate day) {
        return new ClosurePeriod(day, day);
    }

    public boolean includes(LocalDate day) {
        return from != null && to != null && !day.isBefore(from) && !day.isAfter(to);
    }
}
