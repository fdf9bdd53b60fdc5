package org.relais.embeddedmongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mongo-java-server backend whose documents live in one SQLite file, and which recovers from a failure of that
 * file by itself: when a command finds the file failed (I/O error, disk full, corruption, a lost connection), the
 * store reports {@link #failed()} and, after {@code recoveryDelay}, closes and reopens the file (the failed command's
 * transaction was rolled back, so the file holds what the last committed command left). A file that cannot be
 * opened any more is moved aside and an empty one is opened, which the caller is told of by
 * {@link #rebuiltEmpty()}.
 *
 * <p>Hand {@link #backend()} to a {@code MongoServer}; it stays the same object across reopenings.
 */
public final class EmbeddedMongoStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoStore.class);

    private final Path file;
    private final int cacheSizeMb;
    private final Duration recoveryDelay;
    private final ScheduledExecutorService recovery;
    private final AtomicBoolean recoveryScheduled = new AtomicBoolean();
    private final RecoveringBackend backend = new RecoveringBackend();
    private volatile SqliteBackend current;
    private volatile boolean closed;
    private volatile boolean rebuiltEmpty;
    private volatile int reopenings;
    private volatile Consumer<Boolean> reopened = emptied -> { };

    private EmbeddedMongoStore(Path file, int cacheSizeMb, Duration recoveryDelay) {
        this.file = file;
        this.cacheSizeMb = cacheSizeMb;
        this.recoveryDelay = recoveryDelay;
        this.recovery = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-mongo-recovery");
            thread.setDaemon(true);
            return thread;
        });
        this.current = openOrMoveAside();
    }

    /**
     * Opens the store in {@code file} (created owner-only if absent), with a page cache of {@code cacheSizeMb} and
     * a failed file reopened after {@code recoveryDelay}.
     */
    public static EmbeddedMongoStore open(Path file, int cacheSizeMb, Duration recoveryDelay) {
        return new EmbeddedMongoStore(file.toAbsolutePath().normalize(), cacheSizeMb, recoveryDelay);
    }

    public MongoBackend backend() {
        return backend;
    }

    public Path file() {
        return file;
    }

    /** Whether the file failed and is not reopened yet: the documents stop moving, commands are refused. */
    public boolean failed() {
        return current.file().failure() != null;
    }

    /** What failed, without data: an SQLite result code. */
    public String failureReason() {
        StoreFailure failure = current.file().failure();
        return failure == null ? null : failure.getMessage();
    }

    /** How many times the store reopened its file after a failure. */
    public int reopenings() {
        return reopenings;
    }

    /** Whether the file could not be opened and an empty one took its place (its data must be rebuilt). */
    public boolean rebuiltEmpty() {
        return rebuiltEmpty;
    }

    /** The size of the file and its write-ahead log, in bytes. */
    public long fileSize() {
        return current.file().fileSize();
    }

    /**
     * The name of the index the planner walks for a find with this filter and sort, or null for a scan of the
     * collection: MongoDB's {@code explain}, reduced to what the tests and benchmarks pin.
     */
    public String explain(String database, String collection, Map<String, ?> filter, Map<String, ?> sort) {
        SqliteBackend backend = current;
        return backend.file().inRead(() -> backend.resolveDatabase(database)
                .resolveCollection(collection, false) instanceof SqliteCollection sqlite
                ? sqlite.explain(serverDocument(filter), sort == null ? null : serverDocument(sort)) : null);
    }

    /** How many index entries that find walks at most (see {@link SqliteCollection#explainEntries}); -1 for a scan. */
    public long explainEntries(String database, String collection, Map<String, ?> filter, Map<String, ?> sort) {
        SqliteBackend backend = current;
        return backend.file().inRead(() -> backend.resolveDatabase(database)
                .resolveCollection(collection, false) instanceof SqliteCollection sqlite
                ? sqlite.explainEntries(serverDocument(filter), sort == null ? null : serverDocument(sort)) : -1L);
    }

    /** A driver-side document (any map, nested maps and lists) as the server's own document type. */
    private static Document serverDocument(Map<String, ?> map) {
        Document document = new Document();
        map.forEach((key, value) -> document.put(key, serverValue(value)));
        return document;
    }

    @SuppressWarnings("unchecked")
    private static Object serverValue(Object value) {
        if (value instanceof Map<?, ?> nested) {
            return serverDocument((Map<String, ?>) nested);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(EmbeddedMongoStore::serverValue).toList();
        }
        if (value instanceof java.util.Date date) {
            return date.toInstant();
        }
        return value;
    }

    /**
     * Tells {@code listener} of each reopening after a failure, with whether the file had to be replaced by an
     * empty one (then whatever wrote into it must write everything again: its positions went with the old file).
     */
    public void onReopened(Consumer<Boolean> listener) {
        this.reopened = listener;
    }

    /** Test hook: closes the file's writer connection under the store, so that the next write fails. */
    public void breakWriterConnection() {
        current.file().breakWriter();
    }

    private SqliteBackend openOrMoveAside() {
        try {
            return new SqliteBackend(SqliteFile.open(file, cacheSizeMb));
        } catch (StoreFailure unreadable) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + Instant.now().toEpochMilli());
            log.warn("The embedded store's file could not be opened ({}); it is moved aside to {} and an empty one "
                    + "is opened", unreadable.getMessage(), aside.getFileName());
            moveAside(aside);
            rebuiltEmpty = true;
            return new SqliteBackend(SqliteFile.open(file, cacheSizeMb));
        }
    }

    private void moveAside(Path aside) {
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            for (String suffix : List.of("-wal", "-shm")) {
                Path companion = Path.of(file + suffix);
                if (Files.exists(companion)) {
                    Files.move(companion, Path.of(aside + suffix), StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the unreadable embedded store aside", e);
        }
    }

    /** Called after any command: a failed file is reopened once, after the delay, retrying until it opens. */
    private void noticeFailure() {
        if (!closed && failed() && recoveryScheduled.compareAndSet(false, true)) {
            log.error("The embedded store's file failed ({}); it is reopened in {}", failureReason(), recoveryDelay);
            recovery.schedule(this::reopen, recoveryDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void reopen() {
        if (closed) {
            return;
        }
        try {
            SqliteBackend failed = current;
            try {
                failed.close();
            } catch (RuntimeException alreadyBroken) {
                // its connections are what failed
            }
            boolean emptiedBefore = rebuiltEmpty;
            rebuiltEmpty = false;
            current = openOrMoveAside();
            boolean emptied = rebuiltEmpty;
            rebuiltEmpty = rebuiltEmpty || emptiedBefore;
            reopenings++;
            recoveryScheduled.set(false);
            log.info("The embedded store's file is reopened; writers resume from what it holds");
            reopened.accept(emptied);
        } catch (RuntimeException stillFailing) {
            log.error("The embedded store's file cannot be reopened yet ({}); retrying in {}",
                    stillFailing.getClass().getSimpleName(), recoveryDelay);
            recovery.schedule(this::reopen, recoveryDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        recovery.shutdownNow();
        current.close();
    }

    /** The backend the server holds: the current file's, whichever that is after reopenings. */
    private final class RecoveringBackend implements MongoBackend {

        private MongoVersion version;

        @Override
        public void handleClose(Channel channel) {
            current.handleClose(channel);
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            try {
                return current.handleCommand(channel, database, command, query);
            } finally {
                noticeFailure();
            }
        }

        @Override
        public QueryResult handleQuery(MongoQuery query) {
            try {
                return current.handleQuery(query);
            } finally {
                noticeFailure();
            }
        }

        @Override
        public Document handleMessage(MongoMessage message) {
            try {
                return current.handleMessage(message);
            } finally {
                noticeFailure();
            }
        }

        @Override
        public void dropDatabase(String database) {
            try {
                current.dropDatabase(database);
            } finally {
                noticeFailure();
            }
        }

        @Override
        public Collection<Document> getCurrentOperations(MongoQuery query) {
            return current.getCurrentOperations(query);
        }

        @Override
        public Document getServerStatus() {
            return current.getServerStatus();
        }

        /** The server's shutdown leaves the store open: whoever opened the store closes it. */
        @Override
        public void close() {
            // closed by EmbeddedMongoStore.close()
        }

        @Override
        public void closeCursors(List<Long> cursorIds) {
            current.closeCursors(cursorIds);
        }

        @Override
        public java.time.Clock getClock() {
            return current.getClock();
        }

        @Override
        public void enableOplog() {
            current.enableOplog();
        }

        @Override
        public void disableOplog() {
            current.disableOplog();
        }

        @Override
        public MongoDatabase resolveDatabase(String database) {
            return current.resolveDatabase(database);
        }

        @Override
        public MongoBackend version(MongoVersion version) {
            this.version = version;
            current.version(version);
            return this;
        }
    }
}
