package org.relais.app.upgrade;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link DataDirectoryRefusal} into Boot's "APPLICATION FAILED TO START" report: what, and what to do. */
class DataDirectoryRefusalAnalyzer extends AbstractFailureAnalyzer<DataDirectoryRefusal> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryRefusal cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
