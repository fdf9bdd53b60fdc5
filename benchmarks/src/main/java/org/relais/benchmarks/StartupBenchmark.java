package org.relais.benchmarks;

import java.nio.file.Path;

/**
 * The executable jar started as a child JVM on the generated store (measurement {@code startup}: start to caught-up
 * and heap), and the smallest heap that catches up and serves queries (measurement {@code heaps}).
 */
final class StartupBenchmark {

    private final Run run;

    StartupBenchmark(Run run) {
        this.run = run;
    }

    /**
     * The first start of the suite's child on the store (an empty read side, unless {@code --store} gave one an earlier
     * run left): start to caught-up, and the heap in use once caught up. False when it did not catch up.
     */
    boolean firstStart(Apps.Child child, Apps.Child.CatchUp catchUp, long events, double rawRead,
                       boolean keptReadSide) {
        if (!catchUp.ok()) {
            run.figures.add("start-up", "start to caught-up, -Xmx" + run.heap, "failed: " + catchUp.failure(), "", "",
                    "≤ 60 s at 1M", "**no**");
            return false;
        }
        run.figures.add("start-up", String.format("%s: start to caught-up (CatchUpMonitor), %,d events, -Xmx%s",
                keptReadSide ? "start with the read side an earlier run left" : "first start, empty read side",
                events, run.heap), String.format("%.1f s", catchUp.reportedMillis() / 1000.0),
                String.format("%.1f s from spawning the JVM; raw read of the table %.1f s",
                        catchUp.wallMillis() / 1000.0, events / rawRead),
                String.format("%.0f events/s", events * 1000.0 / catchUp.wallMillis()), "≤ 60 s at 1M",
                Figures.verdict(catchUp.reportedMillis() <= 60_000));
        long heapUsed = child.heapUsedAfterGcBytes();
        run.figures.add("memory", "heap used after a full GC once caught up, -Xmx" + run.heap,
                String.format("%,d MB", heapUsed >> 20), String.format("%,d events", events), "", "", "");
        return true;
    }

    void heapSearch(Path jar, Path store, String mainHeap, boolean mainPassed, long timeout)
            throws Exception {
        String heaps = run.options.getOrDefault("heaps", "512m,768m,1g,1536m");
        if (heaps.equals("none")) {
            return;
        }
        String smallest = mainPassed ? mainHeap : null;
        for (String heap : heaps.split(",")) {
            if (mainPassed && megabytes(heap) >= megabytes(mainHeap)) {
                break;
            }
            if (!mainPassed && megabytes(heap) <= megabytes(mainHeap)) {
                continue;
            }
            boolean passed;
            try (Apps.Child child = new Apps.Child(jar, store, heap, run.work.resolve("child-" + heap + ".log"))) {
                Apps.Child.CatchUp catchUp = child.awaitCaughtUp(timeout);
                passed = catchUp.ok();
                if (passed) {
                    Http http = new Http(child.port);
                    for (int n = 0; n < 50; n++) {
                        Http.expect(http.get("coordinator", "/api/referrals?minor=true"), 200);
                        Http.expect(http.get("coordinator", "/api/dashboard"), 200);
                    }
                    passed = child.process.isAlive();
                }
                Report.line(String.format("BENCHMARK heap -Xmx%s: %s", heap, passed ? "caught up and served queries"
                        : "failed (" + catchUp.failure() + ")"));
            }
            if (passed) {
                smallest = heap;
                break;
            }
        }
        run.figures.add("memory", "smallest heap of " + heaps + " that catches up and serves queries",
                smallest == null ? "none" : "-Xmx" + smallest, "", "", "≤ 1 GB at 1M",
                Figures.verdict(smallest != null && megabytes(smallest) <= 1024));
    }

    private static long megabytes(String heap) {
        String value = heap.toLowerCase();
        if (value.endsWith("g")) {
            return (long) (Double.parseDouble(value.substring(0, value.length() - 1)) * 1024);
        }
        return Long.parseLong(value.substring(0, value.length() - 1));
    }
}
