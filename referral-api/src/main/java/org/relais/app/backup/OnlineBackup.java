package org.relais.app.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.relais.app.config.OwnerOnly;
import org.relais.app.eventstore.SqliteEventStoreSettings;
import org.relais.app.integrity.Checkpoint;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * An online backup of the embedded event store: SQLite's {@code VACUUM INTO} writes a consistent copy of the
 * database as one read transaction sees it, while writers go on (the WAL lets a reader and a writer work side by
 * side, from this process or another). The copy is made in a hidden directory and renamed into place once its
 * manifest is written, so a backup directory either is whole or does not exist.
 */
public final class OnlineBackup {

    static final String EVENT_STORE_COPY = SqliteEventStoreSettings.FILE;
    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String PREFIX = "relais-";
    private static final String PARTIAL = ".partial";

    private OnlineBackup() {
    }

    /** Copies {@code eventStore} into a new directory of {@code backups}; answers the manifest written. */
    public static BackupManifest take(Path eventStore, Path backups, Instant now, Optional<Checkpoint> covering) {
        if (!Files.isRegularFile(eventStore)) {
            throw new IllegalStateException("no event store at " + eventStore);
        }
        OwnerOnly.directory(backups);
        String name = freeName(backups, now);
        Path partial = backups.resolve("." + name + PARTIAL);
        OwnerOnly.directory(partial);
        try {
            Path copy = partial.resolve(EVENT_STORE_COPY);
            OwnerOnly.file(copy);
            try (Connection source = DriverManager.getConnection(SqliteEventStoreSettings.jdbcUrl(eventStore),
                    SqliteEventStoreSettings.driverProperties(SqliteEventStoreSettings.Durability.POWER_LOSS));
                 Statement statement = source.createStatement()) {
                statement.execute("VACUUM INTO '" + copy.toAbsolutePath().toString().replace("'", "''") + "'");
            }
            Contents contents = Contents.of(copy);
            Map<String, BackupManifest.BackupFile> files = new TreeMap<>();
            files.put(EVENT_STORE_COPY, describe(copy));
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, name, now.toString(),
                    applicationVersion(), contents.lastGlobalIndex(), contents.chain(),
                    covering.map(checkpoint -> new BackupManifest.SignedCheckpoint(checkpoint.entries(),
                            checkpoint.headHash(), checkpoint.time().toString(), checkpoint.keyId())).orElse(null),
                    contents.tables(), files);
            Path manifestFile = partial.resolve(BackupManifest.FILE);
            OwnerOnly.file(manifestFile);
            Files.writeString(manifestFile, JSON.writeValueAsString(manifest));
            Files.move(partial, backups.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            return manifest;
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("cannot write the backup", e);
        } catch (SQLException | RuntimeException e) {
            deleteQuietly(partial);
            throw new IllegalStateException("the backup failed: " + e.getMessage(), e);
        }
    }

    /** The backups of a directory with their manifests, newest first; hidden (unfinished) ones are left out. */
    public static List<BackupManifest> list(Path backups) {
        List<BackupManifest> found = new ArrayList<>();
        if (!Files.isDirectory(backups)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(backups, PREFIX + "*")) {
            for (Path entry : entries) {
                Path manifest = entry.resolve(BackupManifest.FILE);
                if (Files.isRegularFile(manifest)) {
                    found.add(read(entry));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the backups", e);
        }
        found.sort(Comparator.comparing(BackupManifest::time).thenComparing(BackupManifest::name).reversed());
        return found;
    }

    /**
     * Deletes the oldest backups beyond {@code keep}, and any taken before {@code notBefore} (what the master keys'
     * destruction after the backup retention would leave unreadable, and what erased data must not outlive);
     * answers their names. The newest backup is always kept.
     */
    public static List<String> prune(Path backups, int keep, Instant notBefore) {
        List<BackupManifest> all = list(backups);
        List<String> deleted = new ArrayList<>();
        for (int i = 1; i < all.size(); i++) {
            BackupManifest old = all.get(i);
            if (i >= Math.max(keep, 1) || Instant.parse(old.time()).isBefore(notBefore)) {
                deleteQuietly(backups.resolve(old.name()));
                deleted.add(old.name());
            }
        }
        return deleted;
    }

    static BackupManifest read(Path backup) throws IOException {
        return JSON.readValue(Files.readString(backup.resolve(BackupManifest.FILE)), BackupManifest.class);
    }

    static BackupManifest.BackupFile describe(Path file) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                sha256.update(buffer, 0, read);
                size += read;
            }
        }
        return new BackupManifest.BackupFile(size, HexFormat.of().formatHex(sha256.digest()));
    }

    static String applicationVersion() {
        String version = OnlineBackup.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    private static String freeName(Path backups, Instant now) {
        String base = PREFIX + NAME.format(now);
        String name = base;
        for (int n = 2; Files.exists(backups.resolve(name)) || Files.exists(backups.resolve("." + name + PARTIAL));
             n++) {
            name = base + "-" + n;
        }
        return name;
    }

    static void deleteQuietly(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(entry);
            }
        } catch (IOException | UncheckedIOException e) {
            // what is left is a hidden directory, skipped by the listing
        }
    }

    /** What a copy of the event store holds: rows per table, the last global index, the chain's head. */
    record Contents(Map<String, Long> tables, Long lastGlobalIndex, BackupManifest.Chain chain) {

        static Contents of(Path database) throws SQLException {
            try (Connection connection = DriverManager.getConnection(SqliteEventStoreSettings.jdbcUrl(database));
                 Statement statement = connection.createStatement()) {
                return of(statement);
            }
        }

        static Contents of(Statement statement) throws SQLException {
            List<String> names = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
                    + "AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            Map<String, Long> tables = new LinkedHashMap<>();
            for (String table : names) {
                try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM \"" + table.replace("\"", "\"\"")
                        + "\"")) {
                    count.next();
                    tables.put(table, count.getLong(1));
                }
            }
            Long lastGlobalIndex = null;
            if (names.stream().anyMatch("DomainEventEntry"::equalsIgnoreCase)) {
                try (ResultSet max = statement.executeQuery("SELECT MAX(globalIndex) FROM DomainEventEntry")) {
                    max.next();
                    long value = max.getLong(1);
                    lastGlobalIndex = max.wasNull() ? null : value;
                }
            }
            BackupManifest.Chain chain = new BackupManifest.Chain(0, null, "0".repeat(64));
            if (names.contains("audit_chain")) {
                try (ResultSet head = statement.executeQuery("SELECT position, global_index, entry_hash "
                        + "FROM audit_chain ORDER BY position DESC LIMIT 1")) {
                    if (head.next()) {
                        chain = new BackupManifest.Chain(head.getLong(1) + 1, head.getLong(2), head.getString(3));
                    }
                }
            }
            return new Contents(tables, lastGlobalIndex, chain);
        }
    }
}
