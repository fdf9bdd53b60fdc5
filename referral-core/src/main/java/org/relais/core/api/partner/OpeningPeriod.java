package org.relais.core.api.partner;

import java.time.DayOfWeek;
import java.time.LocalTime;

/**
 * One opening period of a weekday, in the partner's local time. {@code to} is exclusive; a {@code to} at or before
 * {@code from} means the period runs past midnight into the next day (22:00–02:00).
 */
public record OpeningPeriod(DayOfWeek day, LocalTime from, LocalTime to) {
}
