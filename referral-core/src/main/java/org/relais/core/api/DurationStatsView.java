package org.relais.core.api;

/**
 * Median and 90th percentile of a set of durations, in seconds, read from a log-scale histogram whose buckets are
 * 5 % wide: each figure is within 2.5 % of the exact one. Null figures when {@code count} is 0.
 */
public record DurationStatsView(long count, Double medianSeconds, Double p90Seconds) {
}
