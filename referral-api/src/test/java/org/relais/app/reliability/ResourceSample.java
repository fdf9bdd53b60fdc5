package org.relais.app.reliability;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.relais.app.support.ApiClient;

/**
 * The heap's live data, live threads and whether health answered, read from the running instance's own metrics. The
 * heap figure is what the last collection left of the long-lived data (Micrometer's {@code jvm.gc.live.data.size}):
 * the heap in use also counts garbage not yet collected, which rises and falls with the request rate.
 */
record ResourceSample(double heapMegabytes, int threads, boolean healthy) {

    private static final Pattern LIVE = Pattern.compile("(?m)^jvm_gc_live_data_size_bytes(?:\\{[^}]*})? (\\S+)");
    private static final Pattern THREADS = Pattern.compile("(?m)^jvm_threads_live_threads(?:\\{[^}]*})? (\\S+)");

    static ResourceSample take(ApiClient api) {
        try {
            String metrics = api.get("/actuator/prometheus", "admin").body();
            Matcher liveData = LIVE.matcher(metrics);
            double heap = liveData.find() ? Double.parseDouble(liveData.group(1)) : -1;
            Matcher threads = THREADS.matcher(metrics);
            int live = threads.find() ? (int) Double.parseDouble(threads.group(1)) : -1;
            boolean healthy = api.get("/actuator/health", null).status() == 200;
            return new ResourceSample(heap / (1024 * 1024), live, healthy);
        } catch (RuntimeException unreachable) {
            return new ResourceSample(-1, -1, false);
        }
    }

    /**
     * First and last third compared: a leak shows as growth that garbage collection does not take back. The first
     * sample is a warm-up, not a baseline: it is taken just after a restart, while thread pools (the web server's
     * workers, the processors', the driver's) still grow on first demand, which a short run mistook for a leak.
     */
    static String summary(List<ResourceSample> samples) {
        if (samples.size() < 4) {
            return "too short to sample";
        }
        Thirds thirds = Thirds.of(samples);
        Thirds collected = Thirds.of(afterFirstCollection(samples));
        return String.format("heap live after GC %.0f → %.0f MB (over the %d samples taken after a collection), threads "
                        + "%d → %d (mean of first and last third after a warm-up sample of %d threads), health answered "
                        + "%d/%d", mean(collected.first(), true), mean(collected.last(), true),
                collected.first().size() + collected.last().size(), Math.round(mean(thirds.first(), false)),
                Math.round(mean(thirds.last(), false)), samples.get(0).threads(),
                samples.stream().filter(ResourceSample::healthy).count(), samples.size());
    }

    static boolean flat(List<ResourceSample> samples) {
        if (samples.size() < 4) {
            return true;
        }
        Thirds thirds = Thirds.of(samples);
        Thirds collected = Thirds.of(afterFirstCollection(samples));
        return mean(thirds.last(), false) <= mean(thirds.first(), false) + 10
                && mean(collected.last(), true) <= 1.5 * mean(collected.first(), true) + 32
                && samples.stream().allMatch(sample -> sample.healthy() && sample.heapMegabytes() >= 0);
    }

    /**
     * The live-data figure is 0 until the instance's first old-generation collection: a short run sampled 0 MB in its
     * first third and 52 MB in its last, which read as a leak. Only samples taken once a collection has measured the
     * live data are compared (a warm-up sample in front, as {@link Thirds#of} drops one).
     */
    private static List<ResourceSample> afterFirstCollection(List<ResourceSample> samples) {
        int first = 0;
        while (first < samples.size() && samples.get(first).heapMegabytes() == 0) {
            first++;
        }
        return first == 0 ? samples : samples.subList(first - 1, samples.size());
    }

    /** The first and the last third of the samples after the warm-up one (both empty when there are too few). */
    private record Thirds(List<ResourceSample> first, List<ResourceSample> last) {

        static Thirds of(List<ResourceSample> samples) {
            List<ResourceSample> steady = samples.subList(1, samples.size());
            int third = steady.size() / 3;
            return new Thirds(steady.subList(0, third), steady.subList(steady.size() - third, steady.size()));
        }
    }

    private static double mean(List<ResourceSample> samples, boolean heap) {
        return samples.stream().mapToDouble(s -> heap ? s.heapMegabytes() : s.threads()).average().orElse(0);
    }
}
