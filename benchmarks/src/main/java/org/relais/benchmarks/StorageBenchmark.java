package org.relais.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The stores' files on disk (measurement {@code storage}): the event store against the raw bytes of its rows, the
 * read side against the pages its live data fills.
 */
final class StorageBenchmark {

    private final Run run;

    StorageBenchmark(Run run) {
        this.run = run;
    }

    void eventStoreSize(Path store, String when) throws Exception {
        Path file = StoreFiles.eventStore(store);
        long onDisk = StoreFiles.bytesOnDisk(file);
        long rows = StoreFiles.rowBytes(file);
        run.figures.add("disk", "event store file (" + StoreFiles.EVENT_STORE + " with its WAL), " + when,
                Figures.megabytes(onDisk), Figures.megabytes(rows) + " of rows (every value's bytes)",
                Figures.ratio(onDisk, rows), "≤ 1.5×", Figures.verdict(onDisk <= 1.5 * rows));
    }

    void readSideSize(Path store) throws Exception {
        Path file = store.resolve(StoreFiles.READ_SIDE);
        if (!Files.exists(file)) {
            run.figures.add("disk", "read side file", "not found", "", "", "", "");
            return;
        }
        long onDisk = StoreFiles.bytesOnDisk(file);
        long live = StoreFiles.pagesInUseBytes(file);
        run.figures.add("disk", "read side file (" + StoreFiles.READ_SIDE + " with its WAL) at the end of the run, "
                        + "after rebuilds and restarts", Figures.megabytes(onDisk),
                Figures.megabytes(live) + " of pages in use (documents and indexes)",
                Figures.ratio(onDisk, live), "≤ 2×", Figures.verdict(onDisk <= 2 * live));
    }
}
