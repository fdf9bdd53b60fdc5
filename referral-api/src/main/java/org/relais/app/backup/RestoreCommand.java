package org.relais.app.backup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.relais.app.config.OwnerOnly;
import org.relais.app.eventstore.SqliteEventStoreSettings;
import org.relais.app.integrity.StoredChainCheck;
import org.sqlite.SQLiteConfig;

/**
 * {@code java -jar referral-api.jar restore --from=BACKUP --data-dir=DIR --key-dir=DIR [--checkpoints=FILE]
 * [--accept-loss]}: puts a backup into an empty data directory, after checking it. The copy is made beside the
 * target first and checked there: the files' sizes and SHA-256 against the manifest, SQLite's own check of the file,
 * the rows per table and the chain's head against the manifest, then the chain itself against the signed checkpoints
 * (the checkpoint log and the signing key's public half come from the key directory, which is backed up apart;
 * {@code --checkpoints} names the log when {@code relais.integrity.checkpoint-log} put it elsewhere). Only when all
 * holds is the copy moved into the target, in one rename: a refusal leaves the target as it was.
 *
 * <p>A checkpoint signed after the backup was taken (the log is longer than the copy) means the events after it
 * would be lost, and the instance's verification will say the history was cut short: the restore is refused unless
 * {@code --accept-loss} says it is meant; then, once the backup is in place, the checkpoint log is renamed
 * {@code <log>.<time>.superseded} beside itself and replaced by one holding only the checkpoints up to the backup's
 * length, so that the restored instance verifies its history as whole (the superseded file keeps the record of what
 * was given up). The read side is not in a backup: the first start rebuilds it from the
 * events. Exit status 0 when restored, 1 when refused, 2 when the command itself is wrong.
 */
public final class RestoreCommand {

    public static final String NAME = "restore";

    private RestoreCommand() {
    }

    public static int run(String[] args, PrintStream out) {
        CommandOptions options = CommandOptions.parse(args,
                Set.of("from", "data-dir", "key-dir", "checkpoints", "accept-loss"));
        if (options == null || options.get("from") == null || options.get("data-dir") == null
                || options.get("key-dir") == null) {
            return usage(out, options == null ? "unexpected argument" : "--from, --data-dir and --key-dir are required");
        }
        Path from = Path.of(options.get("from")).toAbsolutePath().normalize();
        Path target = Path.of(options.get("data-dir")).toAbsolutePath().normalize();
        Path keyDir = Path.of(options.get("key-dir")).toAbsolutePath().normalize();
        Path checkpoints = options.get("checkpoints") != null
                ? Path.of(options.get("checkpoints")).toAbsolutePath().normalize()
                : StoredChainCheck.checkpointLogIn(keyDir);
        out.println("Relais restore of " + from + " into " + target);
        Path staging = null;
        try {
            BackupManifest manifest = manifest(from);
            refuseUnlessEmpty(target);
            PublicKey key = publicKey(keyDir);
            if (target.getParent() == null) {
                throw new Refusal("the data directory cannot be a file system's root");
            }
            Files.createDirectories(target.getParent());
            staging = target.getParent().resolve("." + target.getFileName() + ".restoring-" + UUID.randomUUID());
            OwnerOnly.directory(staging);
            for (Map.Entry<String, BackupManifest.BackupFile> file : manifest.files().entrySet()) {
                Path source = from.resolve(file.getKey()).normalize();
                if (!source.getParent().equals(from) || !Files.isRegularFile(source)) {
                    throw new Refusal("the backup's file " + file.getKey() + " is missing");
                }
                Path copy = staging.resolve(file.getKey());
                Files.copy(source, copy);
                OwnerOnly.tighten(copy);
                if (!OnlineBackup.describe(copy).equals(file.getValue())) {
                    throw new Refusal("the file " + file.getKey() + " does not match the manifest's size and "
                            + "SHA-256: it was altered or damaged");
                }
            }
            out.println("  checksums    match the manifest (" + manifest.files().size() + " file(s))");
            Path eventStore = staging.resolve(OnlineBackup.EVENT_STORE_COPY);
            if (!Files.isRegularFile(eventStore)) {
                throw new Refusal("the backup holds no event store");
            }
            StoredChainCheck.Result chain = check(eventStore, manifest, checkpoints, key, options.flag("accept-loss"),
                    out);
            moveIntoPlace(staging, target);
            staging = null;
            if (chain.signedBeyond() > 0) {
                try {
                    Path superseded = StoredChainCheck.supersedeBeyond(checkpoints, chain.head().entries(),
                            Instant.now());
                    out.println("  checkpoints  the log signed beyond the backup was moved aside to " + superseded
                            + "; " + checkpoints + " keeps the checkpoints up to the backup's "
                            + chain.head().entries() + " chain entries");
                } catch (IOException | RuntimeException e) {
                    out.println("RESTORED, but the checkpoint log could not be set aside (" + e.getClass()
                            .getSimpleName() + "): " + checkpoints + " still holds checkpoints signed after the "
                            + "backup, and the restored instance's verification will report the history as cut "
                            + "short. Move it aside by hand, keeping its lines up to " + chain.head().entries()
                            + " entries.");
                    return 1;
                }
            }
            out.println("RESTORED: start Relais with relais.data-dir=" + target + " and relais.key-dir=" + keyDir
                    + "; the read side is rebuilt from the events at the first start.");
            return 0;
        } catch (Refusal refusal) {
            out.println("REFUSED: " + refusal.getMessage());
            out.println("Nothing was written to " + target + ".");
            return 1;
        } catch (IOException | SQLException | RuntimeException e) {
            out.println("REFUSED: the restore failed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            out.println("Nothing was written to " + target + ".");
            return 1;
        } finally {
            if (staging != null) {
                OnlineBackup.deleteQuietly(staging);
            }
        }
    }

    private static BackupManifest manifest(Path from) {
        if (!Files.isRegularFile(from.resolve(BackupManifest.FILE))) {
            throw new Refusal("no " + BackupManifest.FILE + " in " + from + ": not a backup of Relais");
        }
        BackupManifest manifest;
        try {
            manifest = OnlineBackup.read(from);
        } catch (IOException | RuntimeException e) {
            throw new Refusal("the manifest cannot be read: it was altered or damaged");
        }
        if (manifest.format() != BackupManifest.FORMAT || manifest.files() == null || manifest.tables() == null
                || manifest.chain() == null) {
            throw new Refusal("the manifest is not one this version of Relais reads (format " + manifest.format() + ")");
        }
        return manifest;
    }

    private static void refuseUnlessEmpty(Path target) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new Refusal(target + " is not a directory");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            if (entries.iterator().hasNext()) {
                throw new Refusal("the data directory " + target + " is not empty: a restore never overwrites data; "
                        + "give a new or empty directory");
            }
        }
    }

    private static PublicKey publicKey(Path keyDir) {
        try {
            return StoredChainCheck.publicKeyIn(keyDir);
        } catch (RuntimeException e) {
            throw new Refusal("no readable checkpoint signing key in " + keyDir + ": restore the key directory (it is "
                    + "backed up apart from the data) and give it with --key-dir");
        }
    }

    private static StoredChainCheck.Result check(Path eventStore, BackupManifest manifest, Path checkpoints,
                                                 PublicKey key, boolean acceptLoss, PrintStream out)
            throws SQLException {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection connection = DriverManager.getConnection(SqliteEventStoreSettings.jdbcUrl(eventStore),
                readOnly.toProperties());
             Statement statement = connection.createStatement()) {
            try (ResultSet result = statement.executeQuery("PRAGMA quick_check")) {
                if (!result.next() || !"ok".equals(result.getString(1))) {
                    throw new Refusal("SQLite finds the event store damaged");
                }
            } catch (SQLException notADatabase) {
                throw new Refusal("SQLite cannot read the event store: it is damaged");
            }
            OnlineBackup.Contents contents = OnlineBackup.Contents.of(statement);
            if (!contents.tables().equals(manifest.tables())) {
                throw new Refusal("the rows per table are not the manifest's: " + difference(manifest.tables(),
                        contents.tables()));
            }
            if (!contents.chain().equals(manifest.chain())
                    || !Objects.equals(contents.lastGlobalIndex(), manifest.lastGlobalIndex())) {
                throw new Refusal("the audit chain's head or the last global index is not the manifest's");
            }
            out.println("  contents     " + contents.tables().getOrDefault("DomainEventEntry", 0L) + " events, "
                    + contents.tables().size() + " tables, as the manifest says");
            StoredChainCheck.Result chain = StoredChainCheck.check(connection, checkpoints, key);
            if (!chain.holds()) {
                throw new Refusal("the audit chain does not hold: " + chain.problem());
            }
            if (manifest.checkpoint() != null && chain.checkpoints() == 0) {
                throw new Refusal("the backup was covered by a checkpoint signed with the key " + manifest
                        .checkpoint().keyId() + ", and " + checkpoints + " holds none signed with the key directory's "
                        + "key: give the key directory (or --checkpoints) of the instance that took the backup");
            }
            out.println("  audit chain  " + chain.head().entries() + " entries follow from one another and from "
                    + "their events; " + chain.checkpoints() + " signed checkpoint(s) in " + checkpoints
                    + (chain.legacyEntries() > 0 ? "; " + chain.legacyEntries() + " entries of the first chain "
                    + "version are checked with the integrity key at the first start" : ""));
            if (chain.signedBeyond() > 0) {
                String loss = "the checkpoint log signed " + chain.signedBeyond() + " chain entries, this backup holds "
                        + chain.head().entries() + ": the events after the backup would be lost, and "
                        + "GET /api/audit/verification will report the history as cut short";
                if (!acceptLoss) {
                    throw new Refusal(loss + ". Restore a later backup, or pass --accept-loss to restore this one "
                            + "knowingly");
                }
                out.println("  WARNING      " + loss + " (--accept-loss): the checkpoints signed after the "
                        + "backup are moved aside once it is restored");
            }
            return chain;
        }
    }

    private static String difference(Map<String, Long> expected, Map<String, Long> found) {
        StringBuilder text = new StringBuilder();
        Set<String> tables = new TreeSet<>(expected.keySet());
        tables.addAll(found.keySet());
        for (String table : tables) {
            if (!Objects.equals(expected.get(table), found.get(table))) {
                text.append(text.isEmpty() ? "" : ", ").append(table).append(" has ").append(found.get(table))
                        .append(" rows, the manifest says ").append(expected.get(table));
            }
        }
        return text.toString();
    }

    /** One rename puts the checked copy in place: the target never holds half a restore. */
    private static void moveIntoPlace(Path staging, Path target) throws IOException {
        if (Files.exists(target)) {
            Files.move(staging.resolve(OnlineBackup.EVENT_STORE_COPY), target.resolve(OnlineBackup.EVENT_STORE_COPY),
                    StandardCopyOption.ATOMIC_MOVE);
            OnlineBackup.deleteQuietly(staging);
            OwnerOnly.directory(target);
        } else {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static int usage(PrintStream out, String problem) {
        out.println("relais restore: " + problem);
        out.println("usage: java -jar referral-api.jar restore --from=BACKUP --data-dir=DIR --key-dir=DIR "
                + "[--checkpoints=FILE] [--accept-loss]");
        return 2;
    }

    /** A reason not to restore, said to the operator as it is. */
    private static final class Refusal extends RuntimeException {

        Refusal(String message) {
            super(message);
        }
    }
}
