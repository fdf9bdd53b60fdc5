package org.relais.app.metrics;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.query.CountOpenOverdueTransfersQuery;
import org.springframework.stereotype.Component;

/**
 * {@code relais_transfers_overdue_open}: transfers flagged overdue that their partner has still not acknowledged
 * (nor declined, nor been cancelled), counted by the case list read model (as fresh as it is, and in its active
 * generation after a rebuild), at most every {@value #FRESH_SECONDS} s.
 */
@Component
class OverdueSignals {

    static final long FRESH_SECONDS = 5;

    private final QueryGateway queries;
    private volatile Instant countedAt = Instant.EPOCH;
    private volatile double count = Double.NaN;

    OverdueSignals(QueryGateway queries, MeterRegistry registry) {
        this.queries = queries;
        Gauge.builder("relais.transfers.overdue.open", this, OverdueSignals::overdue)
                .description("Transfers past their acknowledgement deadline and still not acknowledged")
                .register(registry);
    }

    private double overdue() {
        Instant now = Instant.now();
        if (countedAt.plus(Duration.ofSeconds(FRESH_SECONDS)).isBefore(now)) {
            count = countNow();
            countedAt = now;
        }
        return count;
    }

    private double countNow() {
        try {
            return queries.query(new CountOpenOverdueTransfersQuery(), Long.class).join();
        } catch (RuntimeException unreachable) {
            return Double.NaN;
        }
    }
}
