package org.relais.app.http.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.relais.core.api.CommandResult;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The record of each idempotency key in the write-side database: whose key, a keyed fingerprint of the request
 * (never the request, nor a bare hash of it: it may hold personal data; see {@link RequestFingerprints}), and what
 * the command stored (aggregate and version), from which the first response is rebuilt. The insert joins the
 * command's transaction, so a record exists if and only if the command's events were stored.
 */
@Repository
class IdempotencyRecords {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    IdempotencyRecords(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record KeyRecord(String requestHash, CommandResult result) {
    }

    void insert(String username, String key, String requestHash, CommandResult result) {
        jdbc.update("INSERT INTO idempotency_record (username, idempotency_key, request_hash, aggregate_id, "
                        + "aggregate_version, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                username, key, requestHash, result.aggregateId(), result.version(), Timestamp.from(clock.instant()));
    }

    /** Uses the index on {@code created_at}. */
    int deleteCreatedBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM idempotency_record WHERE created_at < ?", Timestamp.from(cutoff));
    }

    Optional<KeyRecord> find(String username, String key) {
        return jdbc.query("SELECT request_hash, aggregate_id, aggregate_version FROM idempotency_record "
                                + "WHERE username = ? AND idempotency_key = ?",
                        (rs, row) -> new KeyRecord(rs.getString("request_hash"),
                                new CommandResult(rs.getString("aggregate_id"), rs.getLong("aggregate_version"))),
                        username, key)
                .stream().findFirst();
    }
}
