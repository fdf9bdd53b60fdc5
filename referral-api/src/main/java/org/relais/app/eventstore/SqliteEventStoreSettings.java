package org.relais.app.eventstore;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

import javax.sql.DataSource;

import org.sqlite.SQLiteConfig;

/**
 * How the embedded event store's SQLite file is opened: the one place for its connection settings, so that the
 * application and anything measuring the same file format (the benchmark suite's raw baseline) open it alike.
 *
 * <ul>
 * <li>WAL journal: readers never wait for the writer, and a commit appends to one file.</li>
 * <li>{@code synchronous}: {@link Durability#POWER_LOSS} (default) fsyncs the WAL at every commit, so an answered
 * command survives a power loss; {@link Durability#PROCESS} syncs only at checkpoints, so a commit survives a kill
 * of the process but the last ones may be lost with the machine's power.</li>
 * <li>{@code secure_delete}: SQLite zeroes the space a row or a page leaves, so an erased data key's bytes do not
 * linger in free space (the WAL's old frames are dealt with by {@link EventStoreCheckpoint}).</li>
 * <li>{@code IMMEDIATE} transactions: every transaction takes the write lock when it begins. A deferred one that read
 * first would fail at once with SQLITE_BUSY_SNAPSHOT when another connection committed meanwhile (the busy timeout
 * does not help there); an immediate one waits (busy timeout) for the writer instead. Reads outside a transaction
 * (auto-commit) take no lock.</li>
 * </ul>
 */
public final class SqliteEventStoreSettings {

    /** The event store's file in the data directory (SQLite adds {@code -wal} and {@code -shm} beside it). */
    public static final String FILE = "events.db";

    /** How long a connection waits for the write lock before failing with SQLITE_BUSY. */
    public static final int BUSY_TIMEOUT_MILLIS = 10_000;

    /** The size the WAL is cut back to after a checkpoint when a burst made it larger. */
    public static final int JOURNAL_SIZE_LIMIT_BYTES = 64 << 20;

    /** What a commit acknowledged to a client survives ({@code relais.event-store.durability}). */
    public enum Durability {
        /** {@code synchronous=FULL}: an fsync per commit; survives a power loss. */
        POWER_LOSS(SQLiteConfig.SynchronousMode.FULL),
        /** {@code synchronous=NORMAL}: survives a kill of the process; a power loss may take the last commits. */
        PROCESS(SQLiteConfig.SynchronousMode.NORMAL);

        private final SQLiteConfig.SynchronousMode synchronous;

        Durability(SQLiteConfig.SynchronousMode synchronous) {
            this.synchronous = synchronous;
        }

        /** Reads the setting's value: {@code power-loss} or {@code process}. */
        public static Durability of(String setting) {
            try {
                return valueOf(setting.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("relais.event-store.durability must be power-loss or process");
            }
        }
    }

    private SqliteEventStoreSettings() {
    }

    /** Whether a write-side database is SQLite (the embedded store), for the few places that differ there. */
    public static boolean isSqlite(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "SQLite".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("the write side's database cannot be reached", e);
        }
    }

    /** The JDBC URL of an event store file. */
    public static String jdbcUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    /** The driver settings, applied by sqlite-jdbc to every connection it opens with them. */
    public static SQLiteConfig config(Durability durability) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(durability.synchronous);
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        // a checkpoint rewinds the WAL without shrinking it: one that grew in a burst is cut back to this size
        config.setJournalSizeLimit(JOURNAL_SIZE_LIMIT_BYTES);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }

    /** The same settings as driver properties, for a pool that opens connections through the driver. */
    public static Properties driverProperties(Durability durability) {
        return config(durability).toProperties();
    }

    /**
     * A raw connection to an event store file with the application's settings. The caller creates the file
     * owner-only first if it must be (SQLite gives a new file the process's umask, and the -wal and -shm files the
     * main file's permissions).
     */
    public static Connection open(Path file, Durability durability) throws SQLException {
        return config(durability).createConnection(jdbcUrl(file));
    }
}
