package org.relais.app.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code relais_transfers_overdue_open}: transfers flagged overdue that their partner has still not acknowledged
 * (nor declined, nor been cancelled), counted in the case list read model (so as fresh as it is), at most every
 * {@value #FRESH_SECONDS} s.
 */
@Component
class OverdueSignals {

    static final long FRESH_SECONDS = 5;
    /** The case list read model's collection, and what it keeps of each transfer. */
    private static final String CASE_LIST = "case_list";

    private final MongoCollection<Document> caseList;
    private volatile Instant countedAt = Instant.EPOCH;
    private volatile double count = Double.NaN;

    OverdueSignals(MongoClient mongoClient, @Value("${spring.mongodb.database:relais}") String database,
                   MeterRegistry registry) {
        this.caseList = mongoClient.getDatabase(database).getCollection(CASE_LIST);
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

    @SuppressWarnings("unchecked")
    private double countNow() {
        try {
            long open = 0;
            for (Document item : caseList.find(Filters.eq("overdue", true)).projection(Projections.include("transfers"))) {
                List<Object> transfers = item.get("transfers", List.class);
                for (Object line : transfers == null ? List.of() : transfers) {
                    if (line instanceof Document transfer && Boolean.TRUE.equals(transfer.getBoolean("overdue"))) {
                        open++;
                    }
                }
            }
            return open;
        } catch (RuntimeException unreachable) {
            return Double.NaN;
        }
    }
}
