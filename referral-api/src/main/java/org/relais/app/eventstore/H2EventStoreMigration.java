package org.relais.app.eventstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.flywaydb.core.Flyway;
import org.relais.app.config.DataDirectory;
import org.relais.app.eventstore.SqliteEventStoreSettings.Durability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a data directory written by the former embedded store (H2, {@value #H2_FILE}) to SQLite at the first start
 * that finds it and no SQLite store beside it.
 *
 * <p>The H2 store is first brought to the current schema with its own migrations, then every row of every table is
 * copied, as stored, into a new SQLite file ({@value #WORK_FILE}) in one transaction: global indexes, event
 * identifiers, payloads and metadata byte for byte, seals and the integrity chain, so that the chain still verifies.
 * Timestamps of the application's tables become epoch milliseconds. The counts are compared table by table before the
 * commit. Only then is the new file renamed to {@value SqliteEventStoreSettings#FILE} (an atomic rename: a crash
 * before leaves the H2 store in charge and the work file is redone at the next start) and the H2 file to
 * {@value #MIGRATED_FILE}, kept for the operator to remove. A table of the H2 store that SQLite's schema lacks stops
 * the start rather than being left behind.
 */
final class H2EventStoreMigration {

    static final String H2_FILE = "events.mv.db";
    static final String WORK_FILE = "events.db.migrating";
    static final String MIGRATED_FILE = "events.mv.db.migrated-to-sqlite";

    private static final Logger log = LoggerFactory.getLogger(H2EventStoreMigration.class);
    private static final int BATCH = 500;

    private final DataDirectory dataDirectory;
    private final Durability durability;

    H2EventStoreMigration(DataDirectory dataDirectory, Durability durability) {
        this.dataDirectory = dataDirectory;
        this.durability = durability;
    }

    /** Migrates if there is an H2 store and no SQLite store yet; does nothing otherwise. */
    void migrateIfPresent() {
        Path directory = dataDirectory.path();
        Path h2 = directory.resolve(H2_FILE);
        Path sqlite = directory.resolve(SqliteEventStoreSettings.FILE);
        if (!Files.exists(h2)) {
            return;
        }
        try {
            if (Files.exists(sqlite) && Files.size(sqlite) > 0) {
                log.warn("The data directory holds both an H2 event store ({}) and a SQLite one ({}); the SQLite "
                        + "store is used and the H2 file left as it is", H2_FILE, SqliteEventStoreSettings.FILE);
                return;
            }
            log.info("Migrating the event store from H2 ({}) to SQLite ({})", H2_FILE, SqliteEventStoreSettings.FILE);
            Path work = directory.resolve(WORK_FILE);
            deleteWithCompanions(work);
            Map<String, Long> counts = copy(directory, dataDirectory.file(WORK_FILE));
            if (Files.exists(directory.resolve(WORK_FILE + "-wal"))
                    && Files.size(directory.resolve(WORK_FILE + "-wal")) > 0) {
                throw new IllegalStateException("the migrated store's WAL was not emptied");
            }
            Files.move(work, sqlite, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(directory);
            Files.move(h2, directory.resolve(MIGRATED_FILE), StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(directory);
            log.info("Event store migrated from H2 to SQLite, rows per table: {}; the H2 file is kept as {}", counts,
                    MIGRATED_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("the migration of the H2 event store failed", e);
        } catch (SQLException e) {
            throw new IllegalStateException("the migration of the H2 event store failed", e);
        }
    }

    private Map<String, Long> copy(Path directory, Path target) throws SQLException {
        String h2Url = "jdbc:h2:file:" + directory.resolve("events") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        Flyway.configure().dataSource(h2Url, "relais", "").locations("classpath:db/migration/h2").load().migrate();
        Flyway.configure().dataSource(SqliteEventStoreSettings.jdbcUrl(target), null, null)
                .locations("classpath:db/migration/sqlite").load().migrate();
        try (Connection from = DriverManager.getConnection(h2Url, "relais", "");
             Connection to = SqliteEventStoreSettings.open(target, durability)) {
            Set<String> sourceTables = tables(from, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
                    + "WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'");
            Set<String> targetTables = tables(to, "SELECT name FROM sqlite_master WHERE type = 'table' "
                    + "AND name NOT LIKE 'sqlite_%'");
            sourceTables.remove("FLYWAY_SCHEMA_HISTORY");
            targetTables.remove("FLYWAY_SCHEMA_HISTORY");
            if (!targetTables.containsAll(sourceTables)) {
                sourceTables.removeAll(targetTables);
                throw new IllegalStateException("the SQLite schema lacks the H2 store's tables " + sourceTables);
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            to.setAutoCommit(false);
            try {
                for (String table : sourceTables) {
                    counts.put(targetName(to, table), copyTable(from, to, table));
                }
                continueIndexesAfterTheCopied(to);
                to.commit();
            } catch (SQLException | RuntimeException e) {
                to.rollback();
                throw e;
            }
            to.setAutoCommit(true);
            try (Statement statement = to.createStatement()) {
                if (!EventStoreCheckpoint.truncateWal(statement)) {
                    throw new IllegalStateException("the migrated store's checkpoint did not complete");
                }
            }
            return counts;
        }
    }

    /** Copies one table (named in upper case, as H2 reports it); returns its row count, checked on both sides. */
    private static long copyTable(Connection from, Connection to, String table) throws SQLException {
        String name = targetName(to, table);
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (Statement statement = to.createStatement();
             ResultSet info = statement.executeQuery("PRAGMA table_info(" + name + ")")) {
            while (info.next()) {
                columns.add(info.getString("name"));
                types.add(info.getString("type").toUpperCase(Locale.ROOT));
            }
        }
        String columnList = String.join(", ", columns);
        long copied = 0;
        try (Statement read = from.createStatement();
             ResultSet rows = read.executeQuery("SELECT " + columnList + " FROM " + table);
             PreparedStatement insert = to.prepareStatement("INSERT INTO " + name + " (" + columnList
                     + ") VALUES (" + "?, ".repeat(columns.size() - 1) + "?)")) {
            while (rows.next()) {
                for (int i = 0; i < columns.size(); i++) {
                    bind(insert, i + 1, types.get(i), rows.getObject(i + 1));
                }
                insert.addBatch();
                if (++copied % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        long source = count(from, table);
        long target = count(to, name);
        if (source != copied || target != copied) {
            throw new IllegalStateException("table " + name + ": " + source + " rows in H2, " + copied + " copied, "
                    + target + " in SQLite");
        }
        return copied;
    }

    private static void bind(PreparedStatement insert, int index, String type, Object value) throws SQLException {
        if (value == null) {
            insert.setObject(index, null);
        } else if (value instanceof Blob blob) {
            insert.setBytes(index, blob.getBytes(1, (int) blob.length()));
        } else if (value instanceof byte[] bytes) {
            insert.setBytes(index, bytes);
        } else if (value instanceof OffsetDateTime time) {
            insert.setLong(index, time.toInstant().toEpochMilli());
        } else if (value instanceof Timestamp time) {
            insert.setLong(index, time.toInstant().toEpochMilli());
        } else if (type.equals("BLOB")) {
            throw new IllegalStateException("a BLOB column holds a " + value.getClass().getSimpleName());
        } else {
            insert.setObject(index, value);
        }
    }

    /**
     * AUTOINCREMENT already continues after the highest global index inserted; this states it, so that a new event
     * never takes an index a tracking token has seen.
     */
    private static void continueIndexesAfterTheCopied(Connection to) throws SQLException {
        try (Statement statement = to.createStatement()) {
            statement.executeUpdate("UPDATE sqlite_sequence SET seq = (SELECT MAX(globalIndex) FROM DomainEventEntry) "
                    + "WHERE name = 'DomainEventEntry' AND seq < (SELECT MAX(globalIndex) FROM DomainEventEntry)");
        }
    }

    private static String targetName(Connection to, String table) throws SQLException {
        try (PreparedStatement find = to.prepareStatement(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND upper(name) = ?")) {
            find.setString(1, table);
            try (ResultSet result = find.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    private static Set<String> tables(Connection connection, String query) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                names.add(result.getString(1).toUpperCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void deleteWithCompanions(Path work) throws IOException {
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            Files.deleteIfExists(work.resolveSibling(work.getFileName() + suffix));
        }
    }

    /** Makes the renames durable: a directory's entries reach the disk when the directory is synced. */
    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
