package org.relais.web.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.relais.web.support.TestDataDirs;

/**
 * The compaction job keeps an append-only H2 file with one commit per row (the event store's write pattern under
 * {@code WRITE_DELAY=0}) near the size of its data, without losing or changing a row.
 *
 * <p>H2 reuses the space of a chunk the job emptied only after its retention time (45 s by default); these
 * databases set it to 100 ms so that a few seconds of writes show the effect. The same job at the default retention
 * is measured at 1.2M events by the benchmark suite, and runs every second under kill -9 in KillDashNineTest.
 */
class EventStoreCompactionTest {

    private static final int ROWS = 12_000;
    private static final int COMPACT_EVERY = 400;

    private final Path dataDir = TestDataDirs.create("compaction");

    @Test
    void compaction_keeps_the_file_near_its_data_and_every_row_intact() throws Exception {
        long withoutJob = appendRows("without", false);
        long withJob = appendRows("with", true);

        assertThat(withJob).as("file size with the job, against %,d bytes without it", withoutJob)
                .isLessThan(withoutJob * 6 / 10);
    }

    @Test
    void it_does_nothing_on_a_database_that_is_not_an_embedded_h2_file() throws Exception {
        JdbcDataSource memory = dataSource("jdbc:h2:mem:compaction-" + System.nanoTime());
        try (Connection keepAlive = memory.getConnection()) {
            var job = new EventStoreCompaction(memory, 1, Duration.ofMillis(100));
            assertThat(job.compact()).as("an in-memory database has no file to compact").isEmpty();
        }
    }

    /** Appends rows one commit each, as intake does; answers the file's size once all are committed. */
    private long appendRows(String name, boolean compact) throws SQLException, java.io.IOException {
        JdbcDataSource dataSource = dataSource("jdbc:h2:file:" + dataDir.resolve(name).toAbsolutePath()
                + WriteSideDataSourceConfiguration.H2_SETTINGS + ";RETENTION_TIME=100");
        var job = new EventStoreCompaction(dataSource, 4, Duration.ofSeconds(1));
        Random random = new Random(42);
        try (Connection connection = dataSource.getConnection()) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE events (global_index BIGINT AUTO_INCREMENT PRIMARY KEY, "
                        + "event_id VARCHAR(36) NOT NULL UNIQUE, aggregate_id VARCHAR(36) NOT NULL, seq BIGINT NOT NULL, "
                        + "payload VARBINARY(4000) NOT NULL, UNIQUE (aggregate_id, seq))");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO events (event_id, aggregate_id, seq, payload) VALUES (?, ?, ?, ?)")) {
                for (int row = 0; row < ROWS; row++) {
                    // identifiers are random UUIDs, as the event store's are: each commit rewrites index pages
                    // spread over the whole file, which is what leaves chunks mostly, but not entirely, dead
                    insert.setString(1, new UUID(random.nextLong(), random.nextLong()).toString());
                    insert.setString(2, new UUID(random.nextLong(), random.nextLong()).toString());
                    insert.setLong(3, 0);
                    insert.setBytes(4, payload(row, random));
                    insert.executeUpdate();
                    if (compact && row % COMPACT_EVERY == COMPACT_EVERY - 1) {
                        assertThat(job.compact()).isPresent();
                    }
                }
            }
            long size = Files.size(dataDir.resolve(name + ".mv.db"));
            assertEveryRowIntact(connection);
            return size;
        }
    }

    private static void assertEveryRowIntact(Connection connection) throws SQLException {
        Random random = new Random(42);
        try (Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery(
                     "SELECT global_index, event_id, aggregate_id, payload FROM events ORDER BY global_index")) {
            int row = 0;
            while (rows.next()) {
                assertThat(rows.getLong(1)).isEqualTo(row + 1);
                assertThat(rows.getString(2)).isEqualTo(new UUID(random.nextLong(), random.nextLong()).toString());
                assertThat(rows.getString(3)).isEqualTo(new UUID(random.nextLong(), random.nextLong()).toString());
                assertThat(Arrays.equals(rows.getBytes(4), payload(row, random))).as("payload of row %d", row).isTrue();
                row++;
            }
            assertThat(row).isEqualTo(ROWS);
        }
    }

    private static byte[] payload(int row, Random random) {
        byte[] bytes = new byte[300 + row % 200];
        random.nextBytes(bytes);
        return bytes;
    }

    private static JdbcDataSource dataSource(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("relais");
        return dataSource;
    }
}
