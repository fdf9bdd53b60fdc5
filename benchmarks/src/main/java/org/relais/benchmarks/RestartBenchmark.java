package org.relais.benchmarks;

import java.nio.file.Path;

/**
 * Restarts on the generated store (measurement {@code restart}: after a clean stop, the read side kept) and after
 * a kill -9 (measurement {@code recovery}: of a caught-up instance, and of a first start half-way through its
 * catch-up).
 */
final class RestartBenchmark {

    private final Run run;

    RestartBenchmark(Run run) {
        this.run = run;
    }

    /** The usual start: the child above was stopped cleanly, so its read side is kept and only the tail is new. */
    void restart(Path jar, Path store, long events, String heap, long timeout, double rawRead)
            throws Exception {
        try (Apps.Child child = new Apps.Child(jar, store, heap, run.work.resolve("child-restart-" + heap + ".log"))) {
            Apps.Child.CatchUp catchUp = child.awaitCaughtUp(timeout);
            if (!catchUp.ok()) {
                run.figures.add("start-up", "restart, read side kept, -Xmx" + heap, "failed: " + catchUp.failure(), "",
                        "", "≤ 60 s at 1M", "**no**");
                return;
            }
            run.figures.add("start-up", String.format("restart, read side kept: start to caught-up (CatchUpMonitor), "
                            + "%,d events, -Xmx%s", events, heap), String.format("%.1f s",
                            catchUp.reportedMillis() / 1000.0), String.format(
                            "%.1f s from spawning the JVM; raw read of the table %.1f s", catchUp.wallMillis() / 1000.0,
                            events / rawRead), "", "≤ 60 s at 1M",
                    Figures.verdict(catchUp.reportedMillis() <= 60_000));
            long heapUsed = child.heapUsedAfterGcBytes();
            run.figures.add("memory", "heap used after a full GC once restarted and caught up, -Xmx" + heap,
                    String.format("%,d MB", heapUsed >> 20), String.format("%,d events", events), "", "≤ 1 GB",
                    Figures.verdict(heapUsed > 0 && heapUsed <= (1L << 30)));
        }
    }

    /**
     * A kill -9 of an instance that had caught up (SIGKILL: no shutdown hook, nothing flushed or closed), then a start
     * on the same directory: the read side resumes from the positions it stored, with no replay.
     */
    void killedWhenCaughtUp(Path jar, Path store, long events, String heap, long timeout) throws Exception {
        try (Apps.Child child = new Apps.Child(jar, store, heap, run.work.resolve("child-before-kill.log"))) {
            Apps.Child.CatchUp catchUp = child.awaitCaughtUp(timeout);
            if (!catchUp.ok()) {
                run.figures.add("recovery", "start before the kill -9", "failed: " + catchUp.failure(), "", "", "", "");
                return;
            }
            child.kill();
        }
        try (Apps.Child child = new Apps.Child(jar, store, heap, run.work.resolve("child-after-kill.log"))) {
            Apps.Child.CatchUp catchUp = child.awaitCaughtUp(timeout);
            run.figures.add("recovery", String.format("restart after a kill -9 of a caught-up instance: from "
                            + "spawning the JVM to caught-up, %,d events, -Xmx%s", events, heap), catchUp.ok()
                            ? String.format("%.1f s", catchUp.wallMillis() / 1000.0) : "failed: " + catchUp.failure(),
                    catchUp.ok() ? String.format("CatchUpMonitor: %.1f s", catchUp.reportedMillis() / 1000.0) : "",
                    "", "≤ 30 s", Figures.verdict(catchUp.ok() && catchUp.wallMillis() <= 30_000));
        }
    }

    /**
     * A first start on an empty read side killed with SIGKILL half-way through its catch-up (once its progress
     * line says half the events are handled), then started again: the second start resumes where the first stopped,
     * so both together take about one first start (goal: at most 30 s more).
     */
    void killedDuringFirstCatchUp(Path jar, Path store, long events, String heap, long timeout,
                                  long firstStartWallMillis) throws Exception {
        StoreFiles.deleteReadSide(store);
        long killedAfter;
        try (Apps.Child child = new Apps.Child(jar, store, heap, run.work.resolve("child-killed-in-catch-up.log"))) {
            if (!child.awaitCatchUpShare(0.5, timeout)) {
                run.figures.add("recovery", "kill -9 during a first start's catch-up", "not killed: caught up, exited "
                        + "or timed out before half its events", "", "", "", "");
                return;
            }
            killedAfter = (System.nanoTime() - child.spawnedAt) / 1_000_000;
            child.kill();
        }
        try (Apps.Child child = new Apps.Child(jar, store, heap, run.work.resolve("child-resumed-catch-up.log"))) {
            Apps.Child.CatchUp catchUp = child.awaitCaughtUp(timeout);
            long together = killedAfter + catchUp.wallMillis();
            run.figures.add("recovery", String.format("first start killed -9 after %.1f s of its catch-up, then "
                                    + "started again: both starts together, %,d events", killedAfter / 1000.0, events),
                    catchUp.ok() ? String.format("%.1f s (the second %.1f s)", together / 1000.0,
                            catchUp.wallMillis() / 1000.0) : "failed: " + catchUp.failure(),
                    String.format("%.1f s for one uninterrupted first start", firstStartWallMillis / 1000.0),
                    Figures.ratio(together, firstStartWallMillis), "≤ first start + 30 s",
                    Figures.verdict(catchUp.ok() && together <= firstStartWallMillis + 30_000));
        }
    }
}
