package org.relais.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.relais.app.eventstore.SqliteEventStoreSettings.Durability;
import org.relais.app.support.TestDataDirs;

/**
 * Axon appends events in a JDBC batch; on SQLite a second append of one aggregate's sequence number fails with
 * SQLite's unique-constraint code (a SQLiteException, no SQLState, even from a batch), which must read as a duplicate key so that Axon reports a
 * concurrency conflict; another constraint must not.
 */
class DuplicateKeyResolverTest {

    private final DuplicateKeyResolver resolver = new DuplicateKeyResolver();

    @Test
    void sqlites_unique_violation_in_an_append_batch_is_a_duplicate_key_and_a_missing_value_is_not() throws Exception {
        Path file = TestDataDirs.create("duplicate-key").resolve("events.db");
        Flyway.configure().dataSource(SqliteEventStoreSettings.jdbcUrl(file), null, null)
                .locations("classpath:db/migration/sqlite").load().migrate();
        try (Connection connection = SqliteEventStoreSettings.open(file, Durability.PROCESS)) {
            append(connection, "event-1", 0, "payload");

            SQLException sameSequence = catchThrowableOfType(SQLException.class,
                    () -> append(connection, "event-2", 0, "payload"));
            SQLException sameIdentifier = catchThrowableOfType(SQLException.class,
                    () -> append(connection, "event-1", 1, "payload"));
            SQLException noPayload = catchThrowableOfType(SQLException.class,
                    () -> append(connection, "event-3", 1, null));

            assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(sameSequence))).isTrue();
            assertThat(resolver.isDuplicateKeyViolation(sameIdentifier)).isTrue();
            assertThat(resolver.isDuplicateKeyViolation(noPayload)).isFalse();
        }
    }

    private static void append(Connection connection, String eventIdentifier, long sequence, String payload)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO DomainEventEntry "
                + "(aggregateIdentifier, sequenceNumber, type, eventIdentifier, payload, payloadType, timeStamp) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, "referral-1");
            insert.setLong(2, sequence);
            insert.setString(3, "Referral");
            insert.setString(4, eventIdentifier);
            insert.setBytes(5, payload == null ? null : payload.getBytes());
            insert.setString(6, "ReferralReceivedEvent");
            insert.setString(7, "2026-12-04T23:00:00Z");
            insert.addBatch();
            insert.executeBatch();
        }
    }
}
