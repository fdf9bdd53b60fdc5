package org.relais.core.api.query;

/** A count for one calendar month, {@code month} written {@code 2026-11}. */
public record MonthlyCountView(String month, long count) {
}
