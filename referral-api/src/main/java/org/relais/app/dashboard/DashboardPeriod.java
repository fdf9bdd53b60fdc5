package org.relais.app.dashboard;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.relais.core.api.query.FindDashboardQuery;
import org.relais.app.http.problem.InvalidParameterException;

/**
 * The dashboard's period as the API and the UI take it: {@code from} and {@code to} are ISO days of the service,
 * both included; either alone is completed to a 30-day period; neither is the current period (the last 30 days up to
 * today), the one the live stream follows. At most {@value #MAX_DAYS} days, so that one request reads at most a
 * year and a day of cases.
 */
public final class DashboardPeriod {

    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 366;

    private DashboardPeriod() {
    }

    /** The query for these parameters; blank ones are absent. */
    public static FindDashboardQuery of(String from, String to) {
        LocalDate first = day("from", from);
        LocalDate last = day("to", to);
        if (first == null && last == null) {
            return new FindDashboardQuery();
        }
        if (first == null) {
            first = last.minusDays(DEFAULT_DAYS - 1);
        } else if (last == null) {
            last = first.plusDays(DEFAULT_DAYS - 1);
        }
        if (last.isBefore(first)) {
            throw new InvalidParameterException("to", "toAfterFrom");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw new InvalidParameterException("to", "periodLength", MAX_DAYS);
        }
        return new FindDashboardQuery(first, last);
    }

    private static LocalDate day(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeException e) {
            throw new InvalidParameterException(parameter, "date");
        }
    }
}
