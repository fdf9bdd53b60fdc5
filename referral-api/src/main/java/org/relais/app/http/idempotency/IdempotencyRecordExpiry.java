package org.relais.app.http.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets idempotency keys once a client can no longer be retrying the request they protected: a record older than
 * {@code relais.idempotency.retention} (7 days by default) is deleted, and the same key then starts a new command.
 * Seven days cover a client that retries across a weekend outage; the records hold no personal data of the people
 * a case is about (a user name, a hash, an aggregate id and version), so keeping them that long costs only space.
 */
@Component
public class IdempotencyRecordExpiry {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyRecordExpiry.class);

    private final IdempotencyRecords records;
    private final Clock clock;
    private final Duration retention;

    IdempotencyRecordExpiry(IdempotencyRecords records, Clock clock,
                            @Value("${relais.idempotency.retention:P7D}") Duration retention) {
        this.records = records;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(fixedDelayString = "${relais.idempotency.expiry-interval:PT1H}",
            initialDelayString = "${relais.idempotency.expiry-interval:PT1H}")
    void scheduledExpiry() {
        try {
            expireRecordsCreatedBefore(clock.instant().minus(retention));
        } catch (RuntimeException e) {
            log.warn("Expiring idempotency records failed; the next round retries: {}", e.getClass().getSimpleName());
        }
    }

    /** Deletes the records created before the cutoff (every instance may run this: a delete is idempotent). */
    public int expireRecordsCreatedBefore(Instant cutoff) {
        int deleted = records.deleteCreatedBefore(cutoff);
        if (deleted > 0) {
            log.info("Expired {} idempotency records created before {}", deleted, cutoff);
        }
        return deleted;
    }
}
