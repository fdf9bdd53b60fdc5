package org.relais.app.backup;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * {@code java -jar referral-api.jar backup --to=DIR [--data-dir=DIR]}: an online backup of the embedded event store
 * into a new directory of {@code DIR}, with its manifest. It opens the data directory's {@code events.db} itself
 * rather than asking a running instance over HTTP: SQLite lets a second process read a database in WAL mode while
 * the instance writes, so {@code VACUUM INTO} copies a consistent state whether Relais runs or not, and the command
 * needs neither an administrator's credentials nor the network. It signs no checkpoint (the key stays with the
 * instance): the copy is checked at restore against the checkpoints signed before it. The data directory defaults to
 * {@code RELAIS_DATA_DIR}, then {@code ./data}, like the application's. Exit status 0 when the backup is written, 1
 * when it failed, 2 when the command itself is wrong.
 */
public final class BackupCommand {

    public static final String NAME = "backup";

    private BackupCommand() {
    }

    public static int run(String[] args, PrintStream out) {
        CommandOptions options = CommandOptions.parse(args, Set.of("to", "data-dir"));
        if (options == null || options.get("to") == null) {
            return usage(out, options == null ? "unexpected argument" : "--to is required");
        }
        Path dataDir = dataDir(options);
        Path to = Path.of(options.get("to")).toAbsolutePath().normalize();
        if (to.startsWith(dataDir)) {
            return usage(out, "--to must be outside the data directory");
        }
        Path eventStore = dataDir.resolve(OnlineBackup.EVENT_STORE_COPY);
        try {
            BackupManifest manifest = OnlineBackup.take(eventStore, to, Instant.now(), Optional.empty());
            out.println("Relais backup " + to.resolve(manifest.name()));
            out.println("  events       " + manifest.tables().getOrDefault("DomainEventEntry", 0L)
                    + (manifest.lastGlobalIndex() == null ? "" : ", last global index " + manifest.lastGlobalIndex()));
            out.println("  audit chain  " + manifest.chain().entries() + " entries, head " + manifest.chain().headHash());
            manifest.files().forEach((file, described) -> out.println("  " + file + "    " + described.size()
                    + " bytes, sha256 " + described.sha256()));
            out.println("The key directory is not in it: back it up apart.");
            return 0;
        } catch (RuntimeException e) {
            out.println("relais backup: FAILED: " + e.getMessage());
            return 1;
        }
    }

    static Path dataDir(CommandOptions options) {
        String given = options.get("data-dir");
        if (given == null) {
            given = System.getenv("RELAIS_DATA_DIR");
        }
        return Path.of(given == null || given.isBlank() ? "./data" : given).toAbsolutePath().normalize();
    }

    private static int usage(PrintStream out, String problem) {
        out.println("relais backup: " + problem);
        out.println("usage: java -jar referral-api.jar backup --to=DIR [--data-dir=DIR]");
        return 2;
    }
}
