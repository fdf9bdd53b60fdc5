package org.relais.embeddedmongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.exception.MongoServerException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The SQLite file and its connections: one writer, used by one command at a time under a lock, each write command
 * one transaction; readers on their own connections, each read command one read transaction (a snapshot of the WAL),
 * so reads never wait for the writer. Statements run on the connection the current thread's command holds.
 *
 * <p>Any SQLException other than a missing table (a collection not yet created in a reader's snapshot) fails the
 * store: the command's transaction is rolled back and every later command is refused until the store is reopened,
 * since the server's in-memory view of collections and indexes may no longer match the file.
 */
final class SqliteFile implements AutoCloseable {

    private static final int READERS = 4;

    private final Path path;
    private final Session writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Session> idleReaders = new LinkedBlockingQueue<>();
    private final AtomicInteger openedReaders = new AtomicInteger();
    private final List<Session> readers = new ArrayList<>();
    private final ThreadLocal<Session> current = new ThreadLocal<>();
    private final int cacheSizeMb;
    private volatile StoreFailure failure;
    private volatile boolean closed;
    private boolean vacuumPending;

    private SqliteFile(Path path, Connection writer, int cacheSizeMb) {
        this.path = path;
        this.writer = new Session(writer, true);
        this.cacheSizeMb = cacheSizeMb;
    }

    /**
     * Opens (or creates, owner-only) the file: WAL journal, {@code synchronous=NORMAL} (a power loss may lose the
     * last commits, never consistency), incremental auto-vacuum so that dropped tables give their pages back.
     */
    static SqliteFile open(Path path, int cacheSizeMb) {
        createOwnerOnly(path);
        Connection connection = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setBusyTimeout(30_000);
            connection = DriverManager.getConnection("jdbc:sqlite:" + path, config.toProperties());
            try (Statement statement = connection.createStatement()) {
                // before any table exists: fixes the file's vacuum mode
                statement.execute("PRAGMA auto_vacuum=INCREMENTAL");
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=NORMAL");
                // a checkpointed log is cut back to 4 MiB: about what the automatic checkpoint (1,000 pages) lets it reach
                statement.execute("PRAGMA journal_size_limit=4194304");
                statement.execute("PRAGMA cache_size=-" + Math.max(1, cacheSizeMb) * 1024);
                try (ResultSet check = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
                    check.next();
                }
                statement.execute("CREATE TABLE IF NOT EXISTS relais_array_fields (index_table TEXT NOT NULL, "
                        + "field TEXT NOT NULL, PRIMARY KEY (index_table, field)) WITHOUT ROWID");
            }
            return new SqliteFile(path, connection, cacheSizeMb);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new StoreFailure("cannot open the SQLite file " + path.getFileName() + ": " + code(e), e);
        }
    }

    /** Created 0600 before SQLite opens it; SQLite gives its -wal and -shm files the database file's permissions. */
    private static void createOwnerOnly(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!Files.exists(path)) {
                try {
                    Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(path);
                } catch (FileAlreadyExistsException createdMeanwhile) {
                    // another opener created it
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path.getFileName(), e);
        }
    }

    Path path() {
        return path;
    }

    StoreFailure failure() {
        return failure;
    }

    /** Runs a write command as one transaction on the writer connection; reentrant within the command. */
    <T> T inWrite(Supplier<T> work) {
        Session outer = current.get();
        if (outer != null && outer.writer) {
            return work.get();
        }
        if (outer != null) {
            throw new IllegalStateException("a read command may not write");
        }
        writeLock.lock();
        try {
            requireHealthy();
            current.set(writer);
            boolean committed = false;
            try {
                writer.run("BEGIN IMMEDIATE");
                T result = work.get();
                requireHealthy();
                writer.run("COMMIT");
                committed = true;
                if (vacuumPending) {
                    vacuumPending = false;
                    writer.vacuum();
                }
                return result;
            } catch (MongoServerException refused) {
                // the command's own error (a duplicate key, an unknown index): what it did before is kept, as the
                // server's in-memory view of collections and indexes keeps it
                if (!committed) {
                    try {
                        requireHealthy();
                        writer.run("COMMIT");
                    } catch (StoreFailure failed) {
                        rollback();
                        fail(failed);
                        throw failed;
                    }
                }
                throw refused;
            } catch (RuntimeException e) {
                if (!committed) {
                    rollback();
                }
                // anything else may leave the server's view and the file apart: reopening resynchronises them
                fail(e instanceof StoreFailure storeFailure ? storeFailure
                        : new StoreFailure("a write command failed: " + e.getClass().getSimpleName(), e));
                throw e;
            } finally {
                current.remove();
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs a read command in one read transaction on a reader connection. */
    <T> T inRead(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        requireHealthy();
        Session reader = borrowReader();
        current.set(reader);
        try {
            reader.run("BEGIN");
            try {
                return work.get();
            } finally {
                reader.run("COMMIT");
            }
        } catch (StoreFailure e) {
            fail(e);
            throw e;
        } finally {
            current.remove();
            idleReaders.add(reader);
        }
    }

    private Session borrowReader() {
        Session idle = idleReaders.poll();
        if (idle != null) {
            return idle;
        }
        if (openedReaders.incrementAndGet() <= READERS) {
            try {
                SQLiteConfig config = new SQLiteConfig();
                config.setReadOnly(true);
                config.setBusyTimeout(30_000);
                Properties properties = config.toProperties();
                Connection connection = DriverManager.getConnection("jdbc:sqlite:" + path, properties);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA cache_size=-" + Math.max(1, cacheSizeMb / READERS) * 1024);
                }
                Session session = new Session(connection, false);
                synchronized (readers) {
                    readers.add(session);
                }
                return session;
            } catch (SQLException e) {
                openedReaders.decrementAndGet();
                throw failure("cannot open a reader", e);
            }
        }
        openedReaders.decrementAndGet();
        try {
            return idleReaders.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a reader", e);
        }
    }

    private void rollback() {
        try {
            if (!writer.connection.isClosed() && !writer.connection.getAutoCommit()) {
                writer.connection.rollback();
            } else if (!writer.connection.isClosed()) {
                try (Statement statement = writer.connection.createStatement()) {
                    statement.execute("ROLLBACK");
                }
            }
        } catch (SQLException ignored) {
            // no transaction open, or the connection is gone: nothing was committed either way
        }
    }

    private void requireHealthy() {
        if (closed) {
            throw new StoreFailure("the SQLite file is closed", null);
        }
        if (failure != null) {
            throw failure;
        }
    }

    void fail(StoreFailure cause) {
        if (failure == null) {
            failure = cause;
        }
    }

    /** Asks for an incremental vacuum (and a WAL truncation) once the current write command has committed. */
    void vacuumAfterCommit() {
        vacuumPending = true;
    }

    /** Test hook: closes the writer connection under the store, as a failed file would leave it. */
    void breakWriter() {
        closeQuietly(writer.connection);
    }

    Session session() {
        Session session = current.get();
        if (session == null) {
            throw new IllegalStateException("no command holds a connection on this thread");
        }
        return session;
    }

    boolean writing() {
        Session session = current.get();
        return session != null && session.writer;
    }

    long fileSize() {
        long size = 0;
        for (String suffix : new String[] {"", "-wal"}) {
            try {
                Path file = Path.of(path + suffix);
                if (Files.exists(file)) {
                    size += Files.size(file);
                }
            } catch (IOException ignored) {
                // removed in between
            }
        }
        return size;
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            closed = true;
            synchronized (readers) {
                readers.forEach(reader -> closeQuietly(reader.connection));
            }
            if (failure == null) {
                try {
                    writer.vacuum();
                } catch (StoreFailure ignored) {
                    // closing anyway
                }
            }
            closeQuietly(writer.connection);
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already closed or broken
            }
        }
    }

    static StoreFailure failure(String what, SQLException e) {
        return new StoreFailure(what + ": " + code(e), e);
    }

    static String code(SQLException e) {
        return e instanceof SQLiteException sqlite ? sqlite.getResultCode().name() : e.getMessage();
    }

    static boolean isMissingTable(SQLException e) {
        return e instanceof SQLiteException sqlite && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_ERROR
                && e.getMessage() != null && e.getMessage().contains("no such table");
    }

    static boolean isUniqueViolation(SQLException e) {
        return e instanceof SQLiteException sqlite
                && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);
    }

    /** A connection and its prepared statements. */
    static final class Session {

        final Connection connection;
        final boolean writer;
        private final Map<String, PreparedStatement> statements = new HashMap<>();

        Session(Connection connection, boolean writer) {
            this.connection = connection;
            this.writer = writer;
        }

        PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement statement = statements.get(sql);
            if (statement == null || statement.isClosed()) {
                statement = connection.prepareStatement(sql);
                statements.put(sql, statement);
            }
            return statement;
        }

        void run(String sql) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw failure(sql, e);
            }
        }

        /**
         * Gives the free pages back to the file system, then empties the write-ahead log into the file. The vacuum
         * frees one page per step of its statement, and the driver steps a statement without result columns once
         * per execution: it is executed until the free list is empty.
         */
        void vacuum() {
            try (Statement statement = connection.createStatement()) {
                long free;
                try (ResultSet count = statement.executeQuery("PRAGMA freelist_count")) {
                    free = count.next() ? count.getLong(1) : 0;
                }
                try (PreparedStatement step = connection.prepareStatement("PRAGMA incremental_vacuum")) {
                    for (long page = 0; page < free; page++) {
                        step.execute();
                    }
                }
            } catch (SQLException e) {
                throw failure("vacuum", e);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException busy) {
                // a reader holds the log: it is checkpointed later, automatically
            }
        }

        /** Forgets the statements of a table that is dropped or renamed. */
        void forget(String table) {
            statements.entrySet().removeIf(entry -> {
                if (entry.getKey().contains(table)) {
                    try {
                        entry.getValue().close();
                    } catch (SQLException ignored) {
                        // closing a statement of a dropped table
                    }
                    return true;
                }
                return false;
            });
        }
    }
}
