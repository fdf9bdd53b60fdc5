package org.relais.app.referral;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.relais.app.http.problem.InvalidParameterException;

/**
 * The date filters of the case list ({@code receivedFrom}, {@code receivedTo}, {@code updatedFrom},
 * {@code updatedTo}): an ISO instant ({@code 2026-03-02T09:30:00Z}) is taken as it is; an ISO date
 * ({@code 2026-03-02}) is a day of the service, in Europe/Paris, whatever the reader's zone: "from" that day starts at
 * its midnight in Paris, "to" that day includes it (up to the next day's midnight). An instant "to" is exclusive.
 */
final class ListDates {

    static final ZoneId SERVICE_ZONE = ZoneId.of("Europe/Paris");

    private ListDates() {
    }

    static Instant from(String parameter, String value) {
        return parse(parameter, value, false);
    }

    static Instant to(String parameter, String value) {
        return parse(parameter, value, true);
    }

    private static Instant parse(String parameter, String value, boolean upper) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (upper ? day.plusDays(1) : day).atStartOfDay(SERVICE_ZONE).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidParameterException(parameter, "dateOrInstant");
        }
    }
}
