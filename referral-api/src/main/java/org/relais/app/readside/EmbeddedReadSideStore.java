package org.relais.app.readside;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.relais.embeddedmongo.EmbeddedMongoStore;
import org.relais.app.config.DataDirectory;
import org.relais.app.config.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the embedded read side keeps its documents: one SQLite file {@code readside.sqlite} in the data directory
 * (0600 like its {@code -wal} and {@code -shm} companions, see {@link DataDirectory}), written by
 * {@link EmbeddedMongoStore} one transaction per write command. A kill -9 or a power loss leaves it as the last
 * committed command left it, so a restart resumes from the processors' stored tokens; a token may lag the documents
 * it covers, and the projections' idempotence makes the batch applied again change nothing.
 *
 * <p>If the file fails while running, the store reopens it by itself ({@code recoveryDelay} later) and the
 * processors, whose failed batch was rolled back, resume from their stored tokens; a file that cannot be opened any
 * more is moved aside and the read side rebuilt from the event store.
 */
public final class EmbeddedReadSideStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedReadSideStore.class);

    static final String FILE = "readside.sqlite";
    /** The MVStore file and open marker of earlier versions: derived data, deleted at start. */
    static final String OLD_FILE = "readside.mv.db";
    static final String OLD_MARKER = "readside.open";
    static final Duration DEFAULT_RECOVERY_DELAY = Duration.ofSeconds(5);

    private final MongoBackend backend;
    private final EmbeddedMongoStore file;

    private EmbeddedReadSideStore(MongoBackend backend, EmbeddedMongoStore file) {
        this.backend = backend;
        this.file = file;
    }

    static EmbeddedReadSideStore inMemory() {
        return new EmbeddedReadSideStore(new MemoryBackend(), null);
    }

    /** The store in {@code dataDir}; public for the benchmark suite's raw baseline, which must use the same store. */
    public static EmbeddedReadSideStore inDirectory(Path dataDir, int cacheSizeMb) {
        return inDirectory(dataDir, cacheSizeMb, DEFAULT_RECOVERY_DELAY);
    }

    static EmbeddedReadSideStore inDirectory(Path dataDir, int cacheSizeMb, Duration recoveryDelay) {
        Path directory = dataDir.toAbsolutePath().normalize();
        OwnerOnly.directory(directory);
        deleteOldFormat(directory);
        Path file = directory.resolve(FILE);
        if (Files.exists(file)) {
            log.info("Opening the embedded read side kept from the last run; the processors resume from their "
                    + "stored positions");
        } else {
            log.info("No embedded read side yet (a first start, or the first after a restore): the processors build "
                    + "it from the event store, and their progress is logged while they catch up");
        }
        // created owner-only before SQLite opens it; SQLite gives its -wal and -shm files the same permissions
        OwnerOnly.file(file);
        EmbeddedMongoStore store = EmbeddedMongoStore.open(file, cacheSizeMb, recoveryDelay);
        if (store.rebuiltEmpty()) {
            log.warn("The embedded read side's file could not be opened and was moved aside; the processors rebuild "
                    + "the read side from the event store");
        }
        return new EmbeddedReadSideStore(store.backend(), store);
    }

    private static void deleteOldFormat(Path directory) {
        try {
            boolean deleted = Files.deleteIfExists(directory.resolve(OLD_FILE));
            Files.deleteIfExists(directory.resolve(OLD_MARKER));
            if (deleted) {
                log.info("Deleted the read side's file of an earlier version ({}); the processors rebuild the read "
                        + "side from the event store", OLD_FILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the earlier read side's file", e);
        }
    }

    public MongoBackend backend() {
        return backend;
    }

    /** The SQLite store, for tests and the recovery listener; null in memory. */
    EmbeddedMongoStore file() {
        return file;
    }

    /** Whether the file failed and is not reopened yet: the read models stop moving until it is. */
    boolean failed() {
        return file != null && file.failed();
    }

    String failureReason() {
        return file == null ? null : file.failureReason();
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
        } else {
            backend.close();
        }
    }
}
