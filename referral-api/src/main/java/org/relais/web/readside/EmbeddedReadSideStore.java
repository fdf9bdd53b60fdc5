package org.relais.web.readside;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.relais.core.privacy.SafeTrace;
import org.relais.web.config.DataDirectory;
import org.relais.web.config.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the embedded read side keeps its documents: an MVStore file {@code readside.mv.db} in the data directory
 * (0600, like the directory's other files: see {@link DataDirectory}),
 * so that a restart resumes from the processors' stored tokens instead of replaying every event, and the heap holds
 * only a bounded page cache, not the read models.
 *
 * <p>The read side is derived data and the embedded server has no transactions: a crash could leave a document
 * and its index entries, or a read model and its token, out of step. So the store is trusted only after a clean
 * close. A marker file {@code readside.open} exists while the store is open; finding it at start means the last
 * run did not close the store (kill -9, power loss), and the store is deleted and rebuilt from the event store,
 * which the processors do on their own for an empty read side.
 */
public final class EmbeddedReadSideStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedReadSideStore.class);

    static final String FILE = "readside.mv.db";
    static final String OPEN_MARKER = "readside.open";
    private static final String FORMAT_MAP = "relais.format";
    private static final String DOCUMENTS = "documents";
    private static final String BSON_FORMAT = "bson-1";

    private final MongoBackend backend;
    private final MVStore mvStore;
    private final Path marker;

    private EmbeddedReadSideStore(MongoBackend backend, MVStore mvStore, Path marker) {
        this.backend = backend;
        this.mvStore = mvStore;
        this.marker = marker;
    }

    static EmbeddedReadSideStore inMemory() {
        return new EmbeddedReadSideStore(new MemoryBackend(), null, null);
    }

    /** The store in {@code dataDir}; public for the benchmark suite's raw baseline, which must use the same store. */
    public static EmbeddedReadSideStore inDirectory(Path dataDir, int cacheSizeMb) {
        Path directory = dataDir.toAbsolutePath().normalize();
        Path file = directory.resolve(FILE);
        Path marker = directory.resolve(OPEN_MARKER);
        try {
            OwnerOnly.directory(directory);
            if (Files.exists(marker)) {
                log.warn("The embedded read side was not closed cleanly last time; it is deleted and rebuilt from "
                        + "the event store");
                Files.deleteIfExists(file);
            } else if (Files.exists(file)) {
                log.info("Opening the embedded read side kept from the last run; the processors resume from their "
                        + "stored positions");
            }
            OwnerOnly.file(marker);
            Files.writeString(marker, "open\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded read side in the data directory", e);
        }
        try {
            return open(file, cacheSizeMb, marker);
        } catch (RuntimeException unreadable) {
            log.warn("The embedded read side could not be opened ({}); it is deleted and rebuilt from the event store",
                    unreadable.getClass().getSimpleName());
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the unreadable embedded read side", e);
            }
            return open(file, cacheSizeMb, marker);
        }
    }

    private static EmbeddedReadSideStore open(Path file, int cacheSizeMb, Path marker) {
        // created owner-only before the store opens it: MVStore keeps an existing file's permissions
        OwnerOnly.file(file);
        // MVStore's retention time stays at its default on purpose: a query scanning a collection reads an older
        // version of the store while processors write, and with a retention time of 0 the chunks of that version
        // can be reused under it ("Chunk not found"), as a 1.2M-event benchmark run showed.
        MVStore mvStore = new MVStore.Builder().fileName(file.toString()).cacheSize(cacheSizeMb)
                .backgroundExceptionHandler((thread, failure) -> log.error("The embedded read side's store failed "
                        + "in its background writer: {}", SafeTrace.of(failure)))
                .open();
        try {
            requireBsonFormat(mvStore);
            return new EmbeddedReadSideStore(new CompactingH2Backend(mvStore), mvStore, marker);
        } catch (RuntimeException e) {
            mvStore.closeImmediately();
            throw e;
        }
    }

    /**
     * Documents are kept as BSON ({@link BsonDataTypes}); a file written by an earlier version with the library's
     * Java serialization cannot be read that way, and is refused here so that it is deleted and rebuilt.
     */
    private static void requireBsonFormat(MVStore mvStore) {
        MVMap<String, String> format = mvStore.openMap(FORMAT_MAP);
        if (BSON_FORMAT.equals(format.get(DOCUMENTS))) {
            return;
        }
        if (mvStore.getMapNames().stream().anyMatch(name -> name.startsWith("databases."))) {
            throw new IllegalStateException("the read side file holds documents in an older format");
        }
        format.put(DOCUMENTS, BSON_FORMAT);
    }

    /**
     * Rewritten documents leave dead space behind (the file can grow to several times its live data during a
     * catch-up); closing moves the live data together and truncates the file, within a time limit.
     */
    private static final class CompactingH2Backend extends H2Backend {

        private static final int COMPACTION_MILLIS = 5_000;

        private final MVStore mvStore;

        CompactingH2Backend(MVStore mvStore) {
            super(mvStore);
            this.mvStore = mvStore;
        }

        /**
         * Every request reads under a registered MVStore version. A query walks the collection's B-tree from the root
         * it found when it started, while processors write and MVStore's background housekeeping rewrites chunks;
         * an unregistered reader does not stop the chunks of its older version from being freed and reused
         * ("Chunk not found", seen in 1.2M-event benchmark runs on long inbox scans), whatever the retention time.
         * Registering the version is what H2's own transactions do.
         */
        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            MVStore.TxCounter reading = getMvStore().registerVersionUsage();
            try {
                return super.handleCommand(channel, databaseName, command, query);
            } finally {
                getMvStore().deregisterVersionUsage(reading);
            }
        }

        @Override
        public QueryResult handleQuery(MongoQuery query) {
            MVStore.TxCounter reading = getMvStore().registerVersionUsage();
            try {
                return super.handleQuery(query);
            } finally {
                getMvStore().deregisterVersionUsage(reading);
            }
        }

        /** Called from the constructor too, for the databases the file already holds. */
        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new BsonH2Database(databaseName, getMvStore(), getCursorRegistry());
        }

        /** A store that failed is left as it is: closing it would only throw its failure again. */
        @Override
        public void close() {
            if (mvStore.getPanicException() != null) {
                return;
            }
            if (!mvStore.isClosed()) {
                mvStore.commit();
                mvStore.close(COMPACTION_MILLIS);
            }
            super.close();
        }
    }

    public MongoBackend backend() {
        return backend;
    }

    /** The file's store, for tests that need to make it fail; null in memory. */
    MVStore mvStore() {
        return mvStore;
    }

    /**
     * Whether MVStore gave up on the file (a write failed in a way it cannot recover from): every later write is
     * refused, so the read models stop moving. Read without taking the store's lock, which a failing store may hold.
     */
    boolean failed() {
        return mvStore != null && mvStore.getPanicException() != null;
    }

    /** Closes the store (the server's shutdown may have done so already) and marks it as cleanly closed. */
    @Override
    public void close() {
        if (failed()) {
            log.error("The embedded read side's store had failed; the open marker is kept, so the next start "
                    + "rebuilds the read side from the event store");
            return;
        }
        backend.close();
        if (mvStore == null) {
            return;
        }
        if (!mvStore.isClosed()) {
            mvStore.close();
        }
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            log.warn("Could not remove the read side's open marker; it will be rebuilt at the next start");
        }
    }
}
