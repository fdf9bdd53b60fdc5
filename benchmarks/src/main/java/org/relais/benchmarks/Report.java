package org.relais.benchmarks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the suite reports its progress and figures: the log, under {@code org.relais.benchmarks}, which the
 * application started in the suite's JVM keeps at INFO (see {@link Apps#inProcess}). Only synthetic data is reported.
 */
final class Report {

    private static final Logger log = LoggerFactory.getLogger(Report.class);

    private Report() {
    }

    static void line(String text) {
        log.info(text);
    }
}
