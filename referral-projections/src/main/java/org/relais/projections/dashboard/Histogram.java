package org.relais.projections.dashboard;

import java.util.Map;
import java.util.TreeMap;

import org.relais.core.api.DurationStatsView;

/**
 * Durations counted in log-scale buckets 5 % wide (bucket b holds [1.05^b, 1.05^(b+1)) milliseconds): about 450
 * buckets cover a millisecond to thirty days, so a partner's histogram stays small whatever the volume, merges by
 * addition, and gives median and p90 within 2.5 % (the bucket's geometric middle). Keys are strings for MongoDB.
 */
final class Histogram {

    private static final double BASE = Math.log(1.05);

    private Histogram() {
    }

    static void add(Map<String, Long> buckets, long millis) {
        int bucket = (int) Math.floor(Math.log(Math.max(1, millis)) / BASE);
        buckets.merge(Integer.toString(bucket), 1L, Long::sum);
    }

    static DurationStatsView stats(Map<String, Long> buckets) {
        TreeMap<Integer, Long> ordered = new TreeMap<>();
        buckets.forEach((bucket, count) -> ordered.put(Integer.parseInt(bucket), count));
        long count = ordered.values().stream().mapToLong(Long::longValue).sum();
        if (count == 0) {
            return new DurationStatsView(0, null, null);
        }
        return new DurationStatsView(count, quantile(ordered, count, 0.5), quantile(ordered, count, 0.9));
    }

    private static double quantile(TreeMap<Integer, Long> ordered, long count, double q) {
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (Map.Entry<Integer, Long> bucket : ordered.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                double millis = Math.exp((bucket.getKey() + 0.5) * BASE);
                return Math.round(millis) / 1000.0;
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
