package org.relais.app.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.relais.app.config.DataDirectory;
import org.relais.app.config.RelaisProperties;
import org.relais.app.eventstore.SqliteEventStoreSettings;
import org.relais.app.integrity.Checkpoint;
import org.relais.app.integrity.Checkpointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The embedded default's backups, taken on demand ({@code POST /api/admin/backups}) or on
 * {@code relais.backup.schedule}, into {@code relais.backup.dir}. One at a time: a second request waits for the
 * first. Before each copy the chain's head is signed, so that the copy is covered by a checkpoint a restore checks it
 * against. With an external database there is nothing of Relais' own to copy: that database's tools back it up.
 */
@Component
public class Backups {

    private static final Logger log = LoggerFactory.getLogger(Backups.class);

    private final DataDirectory dataDirectory;
    private final Path directory;
    private final Path keyDirectory;
    private final int keep;
    private final Duration retention;
    private final Checkpointer checkpointer;
    private final DataSource dataSource;
    private final Clock clock;
    private volatile Boolean embedded;

    Backups(DataDirectory dataDirectory, RelaisProperties relais, BackupProperties properties,
            Checkpointer checkpointer, DataSource dataSource, Clock clock,
            @Value("${relais.privacy.backup-retention:P35D}") Duration retention) {
        this.dataDirectory = dataDirectory;
        Path dataDir = relais.dataDir().toAbsolutePath().normalize();
        this.directory = properties.dir() != null && !properties.dir().toString().isBlank()
                ? properties.dir().toAbsolutePath().normalize() : defaultDirectory(dataDir);
        this.keyDirectory = relais.keyDir().toAbsolutePath().normalize();
        this.keep = properties.keep();
        this.retention = retention;
        this.checkpointer = checkpointer;
        this.dataSource = dataSource;
        this.clock = clock;
        if (directory.startsWith(dataDir) || directory.startsWith(keyDirectory)) {
            throw new IllegalStateException("relais.backup.dir must be outside the data directory and the key "
                    + "directory (a backup must not hold the backups, nor the keys)");
        }
    }

    /** {@code backups} beside the data directory. */
    static Path defaultDirectory(Path dataDir) {
        Path parent = dataDir.getParent();
        return (parent == null ? dataDir.resolveSibling("relais-backups") : parent.resolve("backups")).normalize();
    }

    /** Whether the events live in the embedded store, which is what Relais backs up itself. */
    public boolean embedded() {
        if (embedded == null) {
            embedded = SqliteEventStoreSettings.isSqlite(dataSource);
        }
        return embedded;
    }

    Path directory() {
        return directory;
    }

    /**
     * Takes a backup now, then deletes the oldest beyond {@code relais.backup.keep} and those older than
     * {@code relais.privacy.backup-retention}.
     */
    public synchronized BackupManifest take() {
        requireEmbedded();
        Optional<Checkpoint> covering = checkpointer.signNow();
        long started = System.nanoTime();
        BackupManifest manifest = OnlineBackup.take(dataDirectory.path().resolve(SqliteEventStoreSettings.FILE),
                directory, clock.instant(), covering);
        log.info("Backup {} taken in {} ms: {} events, chain at {} entries", manifest.name(),
                (System.nanoTime() - started) / 1_000_000, manifest.tables().getOrDefault("DomainEventEntry", 0L),
                manifest.chain().entries());
        List<String> deleted = OnlineBackup.prune(directory, keep, clock.instant().minus(retention));
        if (!deleted.isEmpty()) {
            log.info("Deleted {} older backup(s): beyond relais.backup.keep={} or older than "
                    + "relais.privacy.backup-retention={}", deleted.size(), keep, retention);
        }
        return manifest;
    }

    /** The backups in {@code relais.backup.dir}, newest first. */
    public List<BackupManifest> list() {
        requireEmbedded();
        return OnlineBackup.list(directory);
    }

    public Optional<BackupManifest> find(String name) {
        return list().stream().filter(manifest -> manifest.name().equals(name)).findFirst();
    }

    @Scheduled(cron = "${relais.backup.schedule:-}", zone = "${relais.time-zone:Europe/Paris}")
    void onSchedule() {
        if (!embedded()) {
            log.warn("relais.backup.schedule is set but the events live in an external database: back it up with "
                    + "its own tools");
            return;
        }
        try {
            take();
        } catch (RuntimeException e) {
            log.error("Scheduled backup failed ({}): is {} writable and is there room?", e.getClass().getSimpleName(),
                    directory);
        }
    }

    private void requireEmbedded() {
        if (!embedded()) {
            throw new ExternalDatabaseException();
        }
        if (!Files.isDirectory(dataDirectory.path())) {
            throw new IllegalStateException("no data directory");
        }
    }

    /** Asked to back up an external database. */
    static final class ExternalDatabaseException extends RuntimeException {

        ExternalDatabaseException() {
            super("the events live in an external database");
        }
    }
}
