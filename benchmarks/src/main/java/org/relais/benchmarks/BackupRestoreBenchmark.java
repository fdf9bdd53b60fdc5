package org.relais.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.relais.app.backup.BackupCommand;
import org.relais.app.backup.RestoreCommand;

import tools.jackson.databind.ObjectMapper;

/**
 * Backup and restore of the generated store (measurements {@code backup} and {@code restore}, which run together: a
 * restore needs a backup). The backup is the jar's {@code backup --to=} command ({@link BackupCommand}, called in
 * this JVM: {@code VACUUM INTO} a new directory, then its manifest with the copy's SHA-256 and counts): online, while
 * the suite's child serves the store, when one runs, and then also through {@code POST /api/admin/backups}; else on
 * the store at rest. The
 * restore is the jar's {@code restore} command ({@link RestoreCommand}: the copy, its checksums, counts and audit
 * chain checked against the signed checkpoints) into an empty directory. Each is set against a raw baseline measured
 * just before in the same run: SQLite's own {@code VACUUM INTO} of the same file over plain JDBC for the backup, a
 * plain copy of the backup's {@code events.db} for the restore. Backups and restored copies are deleted afterwards.
 */
final class BackupRestoreBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Run run;

    BackupRestoreBenchmark(Run run) {
        this.run = run;
    }

    /** {@code http} is the child serving {@code store}, or null when none runs. */
    void backupAndRestore(Path store, long events, Http http) throws Exception {
        Path eventStore = StoreFiles.eventStore(store);
        Path backups = Files.createDirectories(run.work.resolve("backups"));
        String when = http == null ? ", the store at rest" : ", online: while the child serves the store";

        double rawBackupSeconds = rawVacuumInto(eventStore);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int exit = BackupCommand.run(new String[] {"--to=" + backups, "--data-dir=" + store},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        double backupSeconds = (System.nanoTime() - start) / 1e9;
        String said = output.toString(StandardCharsets.UTF_8);
        if (exit != 0) {
            run.figures.add("backup", "backup java -jar … backup --to=" + when, "failed (exit " + exit
                    + "): " + firstLine(said), "", "", "", "");
            return;
        }
        Path backup = Path.of(firstLine(said).substring("Relais backup ".length()));
        long bytes = Files.size(backup.resolve(StoreFiles.EVENT_STORE));
        run.figures.add("backup", "backup java -jar … backup --to= (VACUUM INTO, manifest with SHA-256 and counts)"
                        + when, seconds(backupSeconds),
                String.format("%s: VACUUM INTO over plain JDBC; %,d events, %s copied", seconds(rawBackupSeconds),
                        events, Figures.megabytes(bytes)), Figures.ratio(backupSeconds, rawBackupSeconds), "", "");
        if (http != null) {
            apiBackup(http, store, events, rawBackupSeconds);
        }

        double rawRestoreSeconds = rawCopy(backup.resolve(StoreFiles.EVENT_STORE));
        Path target = run.work.resolve("restored-" + UUID.randomUUID());
        output.reset();
        start = System.nanoTime();
        exit = RestoreCommand.run(new String[] {"--from=" + backup, "--data-dir=" + target,
                "--key-dir=" + Path.of("keys").toAbsolutePath(), "--checkpoints=" + store.toAbsolutePath()
                + "-checkpoints.log", "--accept-loss"}, new PrintStream(output, true, StandardCharsets.UTF_8));
        double restoreSeconds = (System.nanoTime() - start) / 1e9;
        said = output.toString(StandardCharsets.UTF_8);
        run.figures.add("restore", "restore java -jar … restore --from= --data-dir= --key-dir= (copy, checksums, "
                        + "counts, the chain against the checkpoints)",
                exit == 0 ? seconds(restoreSeconds) : "failed (exit " + exit + "): "
                        + said.lines().filter(line -> line.startsWith("REFUSED")).findFirst().orElse(""),
                String.format("%s: plain copy of the backup's %s; %,d events", seconds(rawRestoreSeconds),
                        StoreFiles.EVENT_STORE, events),
                exit == 0 ? Figures.ratio(restoreSeconds, rawRestoreSeconds) : "", "", "");
        Run.deleteRecursively(target);
        Run.deleteRecursively(backup);
    }

    /**
     * {@code POST /api/admin/backups} on the child: the same backup taken by the running instance (which also signs a
     * checkpoint covering it). Written beside the data directory; deleted at once.
     */
    private void apiBackup(Http http, Path store, long events, double rawBackupSeconds) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.post("admin", "/api/admin/backups", "");
        double seconds = (System.nanoTime() - start) / 1e9;
        Http.expect(response, 201);
        Path backup = store.toAbsolutePath().getParent().resolve("backups")
                .resolve(JSON.readTree(response.body()).path("name").asString());
        long bytes = Files.size(backup.resolve(StoreFiles.EVENT_STORE));
        run.figures.add("backup", "online backup POST /api/admin/backups (VACUUM INTO and manifest), the store in use",
                seconds(seconds), String.format("%s: VACUUM INTO over plain JDBC; %,d events, %s copied",
                        seconds(rawBackupSeconds), events, Figures.megabytes(bytes)),
                Figures.ratio(seconds, rawBackupSeconds), "", "");
        Run.deleteRecursively(backup);
    }

    /** Seconds of SQLite's {@code VACUUM INTO} of the file into a scratch file, over plain JDBC (then deleted). */
    private double rawVacuumInto(Path eventStore) throws Exception {
        Path copy = run.work.resolve("raw-vacuum-into-" + UUID.randomUUID() + ".db");
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(StoreFiles.jdbcUrl(eventStore));
             Statement statement = connection.createStatement()) {
            statement.execute("VACUUM INTO '" + copy.toString().replace("'", "''") + "'");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.delete(copy);
        return seconds;
    }

    /** Seconds of a plain copy of the file into a scratch directory (then deleted). */
    private double rawCopy(Path file) throws Exception {
        Path copy = run.work.resolve("raw-copy-" + UUID.randomUUID() + ".db");
        long start = System.nanoTime();
        Files.copy(file, copy);
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.delete(copy);
        return seconds;
    }

    /** Two decimals below ten seconds: the small stores of a smoke run take fractions of one. */
    private static String seconds(double seconds) {
        return String.format(seconds < 10 ? "%.2f s" : "%.1f s", seconds);
    }

    private static String firstLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.isEmpty() ? "" : lines.get(0);
    }
}
