package org.relais.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.relais.app.config.OwnerOnly;
import org.relais.app.eventstore.SqliteEventStoreSettings.Durability;
import org.relais.app.support.TestDataDirs;

/** The connection settings every opener of the event store's file shares, and the files SQLite makes beside it. */
class SqliteEventStoreSettingsTest {

    private final Path directory = TestDataDirs.create("sqlite-settings");

    @Test
    void the_wal_and_shared_memory_files_take_the_owner_only_permissions_of_the_store_file() throws Exception {
        Path file = directory.resolve("events.db");
        OwnerOnly.file(file);
        try (Connection connection = SqliteEventStoreSettings.open(file, Durability.POWER_LOSS);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (v BLOB)");
            statement.execute("INSERT INTO t VALUES (x'01')");

            for (String companion : new String[] {"events.db-wal", "events.db-shm"}) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(companion))))
                        .as(companion).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void each_durability_sets_its_synchronous_mode_and_both_keep_wal_secure_delete_and_a_busy_timeout()
            throws Exception {
        assertThat(pragmas(Durability.POWER_LOSS)).isEqualTo("wal synchronous=2 secure_delete=1 busy_timeout=10000");
        assertThat(pragmas(Durability.PROCESS)).isEqualTo("wal synchronous=1 secure_delete=1 busy_timeout=10000");
        assertThat(Durability.of("power-loss")).isEqualTo(Durability.POWER_LOSS);
        assertThat(Durability.of("process")).isEqualTo(Durability.PROCESS);
    }

    @Test
    void a_value_overwritten_with_null_leaves_no_byte_in_the_file_once_the_wal_is_emptied() throws Exception {
        Path file = directory.resolve("erasure.db");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        try (Connection connection = SqliteEventStoreSettings.open(file, Durability.POWER_LOSS);
             Statement statement = connection.createStatement()) {
            // the secret before a longer column: the rewritten, shorter row does not land on the secret's old bytes
            statement.execute("CREATE TABLE secrets (id INTEGER PRIMARY KEY, secret BLOB, note TEXT)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO secrets VALUES (1, ?, ?)")) {
                insert.setBytes(1, secret);
                insert.setString(2, "x".repeat(200));
                insert.executeUpdate();
            }
            assertThat(EventStoreCheckpoint.truncateWal(statement)).isTrue();
            assertThat(contains(file, secret)).as("stored").isTrue();

            statement.executeUpdate("UPDATE secrets SET secret = NULL WHERE id = 1");
            assertThat(EventStoreCheckpoint.truncateWal(statement)).isTrue();

            assertThat(contains(file, secret)).as("in the main file, freed").isFalse();
            assertThat(Files.size(directory.resolve("erasure.db-wal"))).isZero();
        }
    }

    private static boolean contains(Path file, byte[] needle) throws IOException {
        byte[] haystack = Files.readAllBytes(file);
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    private String pragmas(Durability durability) throws SQLException {
        Path file = directory.resolve(durability + ".db");
        try (Connection connection = SqliteEventStoreSettings.open(file, durability);
             Statement statement = connection.createStatement()) {
            return value(statement, "journal_mode") + " synchronous=" + value(statement, "synchronous")
                    + " secure_delete=" + value(statement, "secure_delete")
                    + " busy_timeout=" + value(statement, "busy_timeout");
        }
    }

    private static String value(Statement statement, String pragma) throws SQLException {
        try (ResultSet result = statement.executeQuery("PRAGMA " + pragma)) {
            result.next();
            return result.getString(1);
        }
    }
}
