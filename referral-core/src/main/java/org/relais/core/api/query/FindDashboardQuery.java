package org.relais.core.api.query;

import java.time.LocalDate;

/**
 * The coordinators' figures over the days {@code from} to {@code to}, both included, in the service's time zone; both
 * null for the current period (the last 30 days up to today), which is also what the live stream follows: a
 * subscription query whose updates say that the figures changed.
 */
public record FindDashboardQuery(LocalDate from, LocalDate to) {

    public FindDashboardQuery() {
        this(null, null);
    }

    public boolean currentPeriod() {
        return from == null && to == null;
    }
}
