package org.relais.core.privacy;

import java.time.Duration;

/**
 * How long a closed case keeps its personal data before it may be erased without anyone asking
 * ({@code relais.retention.after-closure}). Reopening a case starts the count again at its next closure.
 */
public record RetentionPeriod(Duration afterClosure) {

    public RetentionPeriod {
        if (afterClosure == null || afterClosure.isNegative()) {
            throw new IllegalArgumentException("a retention period is a positive duration");
        }
    }
}
