package org.relais.core.api.query;

/**
 * Median and 90th percentile of a set of durations, in seconds (millisecond precision), by the nearest-rank method:
 * the p-th percentile of n durations is the ⌈p·n⌉-th smallest, one of the durations measured. Null figures when
 * {@code count} is 0.
 */
public record DurationStatsView(long count, Double medianSeconds, Double p90Seconds) {
}
