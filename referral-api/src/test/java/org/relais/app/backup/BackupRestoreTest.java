package org.relais.app.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.relais.core.api.admin.FindProjectionsQuery;
import org.relais.core.api.admin.ProjectionStatusView;
import org.relais.projections.rebuild.ProjectionComparison;
import org.relais.projections.rebuild.ProjectionRebuilder;
import org.relais.app.RelaisApplication;
import org.relais.app.support.ApiClient;
import org.relais.app.support.ChildJvm;
import org.relais.app.support.Intakes;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A backup taken through the API while clients post intakes, then restored with the jar's restore command into a
 * fresh data directory and started: every case acknowledged before the backup began is there, the chain verifies
 * against the signed checkpoints, and every read model (rebuilt at that first start) equals a fresh replay. Damaged
 * or altered backups, a data directory that is not empty and checkpoints signed after the backup are refused, with
 * nothing written to the target; the loss accepted, the checkpoints signed after the backup are moved aside and the
 * restored instance verifies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupRestoreTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path root = TestDataDirs.create("backup");
    private final Path sourceData = root.resolve("data");
    private final Path keys = root.resolve("keys");
    private final Path keysAtBackup = root.resolve("keys-backed-up-apart");
    private final Path backups = root.resolve("backups");
    private final Path commandBackups = root.resolve("command-backups");
    private final Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private Set<String> acknowledgedBeforeBackup;
    private Path backup;
    private BackupManifest manifest;
    private BackupManifest listed;
    private int commandExit;
    private String commandOutput;

    @BeforeAll
    void takeABackupWhileClientsPostIntakes() throws Exception {
        try (ConfigurableApplicationContext source = start(sourceData, keys)) {
            ApiClient api = new ApiClient(port(source));
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int client = 0; client < 3; client++) {
                Thread thread = new Thread(() -> {
                    while (running.get()) {
                        ApiClient.Response created = api.postJson("/api/referrals", "coordinator",
                                Intakes.minorCyberharassment("Backed Up"));
                        if (created.status() == 201) {
                            acknowledged.add(created.json().get("referralId").asString());
                        }
                    }
                });
                thread.start();
                clients.add(thread);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 12);
            acknowledgedBeforeBackup = Set.copyOf(acknowledged);
            ApiClient.Response taken = api.postJson("/api/admin/backups", "admin", "");
            assertThat(taken.status()).as(taken.body()).isEqualTo(201);
            manifest = JSON.readValue(taken.body(), BackupManifest.class);
            int atBackup = acknowledged.size();
            // the jar's command, from the file, beside the running instance
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            commandExit = BackupCommand.run(new String[] {"--to=" + commandBackups, "--data-dir=" + sourceData},
                    new PrintStream(printed, true, StandardCharsets.UTF_8));
            commandOutput = printed.toString(StandardCharsets.UTF_8);
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= atBackup + 6);
            running.set(false);
            for (Thread thread : clients) {
                thread.join(30_000);
            }
            JsonNode list = api.get("/api/admin/backups", "admin").json();
            assertThat(list.size()).isEqualTo(1);
            listed = JSON.treeToValue(list.get(0), BackupManifest.class);
            // the key directory as it was backed up apart, before the clean stop signs the history that went on
            copy(keys, keysAtBackup);
        }
        backup = backups.resolve(manifest.name());
    }

    @AfterAll
    void cleanUp() {
        OnlineBackup.deleteQuietly(root);
    }

    @Test
    void the_backup_is_listed_with_its_manifest_and_holds_no_key() throws IOException {
        assertThat(listed).isEqualTo(manifest);
        assertThat(manifest.tables().get("DomainEventEntry")).isPositive();
        assertThat(manifest.chain().entries()).isPositive();
        assertThat(manifest.checkpoint()).isNotNull();
        assertThat(manifest.checkpoint().entries()).isLessThanOrEqualTo(manifest.chain().entries());
        assertThat(manifest.files()).containsOnlyKeys("events.db");
        try (Stream<Path> files = Files.list(backup)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder("events.db",
                    "manifest.json");
        }
        // it holds the sealed personal data, as the data directory does: only Relais' account may read it
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.resolve("events.db"))))
                .isEqualTo("rw-------");
        assertThat(commandExit).as(commandOutput).isZero();
        assertThat(OnlineBackup.list(commandBackups)).hasSize(1);
    }

    @Test
    void a_restored_backup_holds_every_case_acknowledged_before_it_a_valid_chain_and_read_models_equal_to_a_replay()
            throws Exception {
        Path restored = root.resolve("restored");
        Restore restore = restore("--from=" + backup, "--data-dir=" + restored, "--key-dir=" + keysAtBackup);
        assertThat(restore.exit()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("RESTORED");
        assertThat(restored.resolve("readside.sqlite")).doesNotExist();

        Path scheduled = root.resolve("scheduled-backups");
        try (ConfigurableApplicationContext relais = start(restored, keysAtBackup, "--relais.backup.dir=" + scheduled,
                "--relais.backup.schedule=* * * * * *", "--relais.backup.keep=2")) {
            ApiClient api = new ApiClient(port(relais));
            QueryGateway queries = relais.getBean(QueryGateway.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> queries.query(new FindProjectionsQuery(),
                    ResponseTypes.multipleInstancesOf(ProjectionStatusView.class)).join(), views -> !views.isEmpty()
                    && views.stream().allMatch(view -> view.caughtUp() && view.lag() == 0));
            assertThat(relais.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM DomainEventEntry",
                    Long.class)).isEqualTo(manifest.tables().get("DomainEventEntry"));
            for (String referralId : acknowledgedBeforeBackup) {
                assertThat(api.get("/api/referrals/" + referralId, "coordinator").status()).as(referralId)
                        .isEqualTo(200);
            }
            JsonNode verification = api.get("/api/audit/verification", "auditor").json();
            assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
            assertThat(verification.get("checkpoint").isNull()).as(verification.toString()).isFalse();
            ProjectionRebuilder rebuilder = relais.getBean(ProjectionRebuilder.class);
            for (String name : rebuilder.names()) {
                ProjectionComparison comparison = rebuilder.compareWithFreshReplay(name);
                assertThat(comparison.differences()).as(name).isEmpty();
                assertThat(comparison.identical()).as(name).isTrue();
            }

            // a backup every second, two kept
            await().atMost(Duration.ofSeconds(60)).until(() -> OnlineBackup.list(scheduled).size() == 2);
            String oldest = OnlineBackup.list(scheduled).get(1).name();
            await().atMost(Duration.ofSeconds(60)).until(() -> OnlineBackup.list(scheduled).stream()
                    .noneMatch(kept -> kept.name().equals(oldest)));
            assertThat(OnlineBackup.list(scheduled)).hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    void an_event_altered_in_a_backup_whose_manifest_was_made_to_match_is_refused_by_the_chain() throws Exception {
        Path altered = copyOfBackup("altered-event");
        Path database = altered.resolve("events.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE DomainEventEntry SET metaData = CAST('{}' AS BLOB) WHERE globalIndex = "
                    + "(SELECT MIN(global_index) FROM audit_chain)");
        }
        ObjectNode document = (ObjectNode) JSON.readTree(Files.readString(altered.resolve("manifest.json")));
        BackupManifest.BackupFile described = OnlineBackup.describe(database);
        ((ObjectNode) document.get("files").get("events.db")).put("size", described.size())
                .put("sha256", described.sha256());
        Files.writeString(altered.resolve("manifest.json"), JSON.writeValueAsString(document));
        Path target = root.resolve("target-altered-event");
        Restore restore = restore("--from=" + altered, "--data-dir=" + target, "--key-dir=" + keysAtBackup);
        assertThat(restore.exit()).as(restore.output()).isEqualTo(1);
        assertThat(restore.output()).contains("the audit chain does not hold").contains("was altered");
        assertUntouched(target);
    }

    @Test
    void a_flipped_byte_in_the_database_is_refused_and_nothing_is_written() throws IOException {
        Path damaged = copyOfBackup("flipped");
        try (RandomAccessFile file = new RandomAccessFile(damaged.resolve("events.db").toFile(), "rw")) {
            long middle = file.length() / 2;
            file.seek(middle);
            int value = file.read();
            file.seek(middle);
            file.write(value ^ 0x01);
        }
        Path target = root.resolve("target-flipped");
        Restore restore = restore("--from=" + damaged, "--data-dir=" + target, "--key-dir=" + keysAtBackup);
        assertThat(restore.exit()).as(restore.output()).isEqualTo(1);
        assertThat(restore.output()).contains("REFUSED").contains("events.db does not match the manifest");
        assertUntouched(target);
    }

    @Test
    void a_count_changed_in_the_manifest_is_refused_and_nothing_is_written() throws IOException {
        Path altered = copyOfBackup("count");
        ObjectNode document = (ObjectNode) JSON.readTree(Files.readString(altered.resolve("manifest.json")));
        ObjectNode tables = (ObjectNode) document.get("tables");
        tables.put("DomainEventEntry", tables.get("DomainEventEntry").asLong() + 1);
        Files.writeString(altered.resolve("manifest.json"), JSON.writeValueAsString(document));
        Path target = root.resolve("target-count");
        Files.createDirectories(target);
        Restore restore = restore("--from=" + altered, "--data-dir=" + target, "--key-dir=" + keysAtBackup);
        assertThat(restore.exit()).as(restore.output()).isEqualTo(1);
        assertThat(restore.output()).contains("REFUSED").contains("DomainEventEntry has");
        assertUntouched(target);
    }

    @Test
    void a_data_directory_that_is_not_empty_is_refused_and_left_as_it_was() throws IOException {
        Path target = root.resolve("target-not-empty");
        Files.createDirectories(target);
        Files.writeString(target.resolve("events.db"), "someone's data");
        Restore restore = restore("--from=" + backup, "--data-dir=" + target, "--key-dir=" + keysAtBackup);
        assertThat(restore.exit()).as(restore.output()).isEqualTo(1);
        assertThat(restore.output()).contains("is not empty");
        assertThat(Files.readString(target.resolve("events.db"))).isEqualTo("someone's data");
        try (Stream<Path> files = Files.list(target)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void checkpoints_signed_after_the_backup_refuse_it_unless_the_loss_is_accepted() throws IOException {
        // the key directory as it is now: the clean stop signed the history that went on after the backup
        Path target = root.resolve("target-later-checkpoints");
        Restore refused = restore("--from=" + backup, "--data-dir=" + target, "--key-dir=" + keys);
        assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("would be lost").contains("--accept-loss");
        assertUntouched(target);

        // accepted: on a copy of the key directory, whose log the restore sets aside
        Path keysNow = root.resolve("keys-accepting-loss");
        copy(keys, keysNow);
        Path log = keysNow.resolve("checkpoints.log");
        List<String> signed = Files.readAllLines(log);
        Restore accepted = restore("--from=" + backup, "--data-dir=" + target, "--key-dir=" + keysNow,
                "--accept-loss");
        assertThat(accepted.exit()).as(accepted.output()).isZero();
        assertThat(accepted.output()).contains("WARNING").contains("RESTORED").contains("moved aside");
        assertThat(target.resolve("events.db")).exists();

        // the log as it was, kept under a dated name beside it; the log keeps the checkpoints up to the backup
        List<Path> superseded;
        try (Stream<Path> files = Files.list(keysNow)) {
            superseded = files.filter(file -> file.getFileName().toString().matches(
                    "checkpoints\\.log\\.\\d{8}T\\d{6}Z\\.superseded")).toList();
        }
        assertThat(superseded).hasSize(1);
        assertThat(Files.readAllLines(superseded.get(0))).isEqualTo(signed);
        List<String> kept = Files.readAllLines(log);
        assertThat(kept).isNotEmpty().hasSizeLessThan(signed.size());
        assertThat(signed).containsAll(kept);
        for (String line : kept) {
            assertThat(JSON.readTree(line).get("entries").asLong()).isLessThanOrEqualTo(manifest.chain().entries());
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");

        // the restored instance verifies its history as whole
        try (ConfigurableApplicationContext relais = start(target, keysNow)) {
            JsonNode verification = new ApiClient(port(relais)).get("/api/audit/verification", "auditor").json();
            assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
        }
    }

    @Test
    void a_restore_without_the_key_directory_is_refused() throws IOException {
        Path target = root.resolve("target-no-keys");
        Restore restore = restore("--from=" + backup, "--data-dir=" + target, "--key-dir=" + root.resolve("none"));
        assertThat(restore.exit()).as(restore.output()).isEqualTo(1);
        assertThat(restore.output()).contains("signing key");
        assertUntouched(target);
    }

    @Test
    void backups_beyond_the_number_kept_or_older_than_the_backup_retention_are_deleted() {
        Path pruned = root.resolve("pruned");
        Path eventStore = sourceData.resolve("events.db");
        Instant now = Instant.now();
        BackupManifest tooOld = OnlineBackup.take(eventStore, pruned, now.minus(Duration.ofDays(40)),
                Optional.empty());
        BackupManifest yesterday = OnlineBackup.take(eventStore, pruned, now.minus(Duration.ofDays(1)),
                Optional.empty());
        BackupManifest latest = OnlineBackup.take(eventStore, pruned, now, Optional.empty());

        assertThat(OnlineBackup.prune(pruned, 7, now.minus(Duration.ofDays(35)))).containsExactly(tooOld.name());
        assertThat(OnlineBackup.list(pruned)).containsExactly(latest, yesterday);
        assertThat(OnlineBackup.prune(pruned, 1, now.minus(Duration.ofDays(35)))).containsExactly(yesterday.name());
        assertThat(OnlineBackup.list(pruned)).containsExactly(latest);
    }

    @Test
    void a_checkpoint_log_without_the_backup_s_checkpoint_is_refused() throws IOException {
        Path emptyLog = root.resolve("empty-checkpoints.log");
        Files.writeString(emptyLog, "");
        Path target = root.resolve("target-no-checkpoints");
        Restore restore = restore("--from=" + backup, "--data-dir=" + target, "--key-dir=" + keysAtBackup,
                "--checkpoints=" + emptyLog);
        assertThat(restore.exit()).as(restore.output()).isEqualTo(1);
        assertThat(restore.output()).contains("holds none signed");
        assertUntouched(target);
    }

    @Test
    void the_jar_takes_a_backup_and_restores_it_and_a_refusal_exits_non_zero() throws Exception {
        Path jarBackups = root.resolve("jar-backups");
        Jar backedUp = jar("backup", "--to=" + jarBackups, "--data-dir=" + sourceData);
        assertThat(backedUp.exit()).as(backedUp.output()).isZero();
        assertThat(backedUp.output()).contains("The key directory is not in it");
        Path taken = jarBackups.resolve(OnlineBackup.list(jarBackups).get(0).name());

        // the source was stopped cleanly after the last intake: its last checkpoint is this copy's head
        Path target = root.resolve("jar-restored");
        Jar restored = jar("restore", "--from=" + taken, "--data-dir=" + target, "--key-dir=" + keys);
        assertThat(restored.exit()).as(restored.output()).isZero();
        assertThat(target.resolve("events.db")).exists();

        Jar refused = jar("restore", "--from=" + taken, "--data-dir=" + target, "--key-dir=" + keys);
        assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("is not empty");
        assertThat(jar("restore", "--from=" + taken).exit()).isEqualTo(2);
    }

    @Test
    void a_backup_directory_inside_the_data_directory_is_refused_at_start() {
        Path dataDir = root.resolve("inside");
        assertThatThrownBy(() -> start(dataDir, root.resolve("inside-keys"),
                "--relais.backup.dir=" + dataDir.resolve("backups")).close())
                .hasRootCauseMessage("relais.backup.dir must be outside the data directory and the key directory (a "
                        + "backup must not hold the backups, nor the keys)");
    }

    private record Jar(int exit, String output) {
    }

    /** The jar's command in a JVM of its own, through Relais' main: its exit status and what it printed. */
    private static Jar jar(String... args) throws Exception {
        Process process = new ProcessBuilder(ChildJvm.relais("128m", args)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Jar(process.exitValue(), output);
    }

    private record Restore(int exit, String output) {
    }

    private static Restore restore(String... args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = RestoreCommand.run(args, new PrintStream(printed, true, StandardCharsets.UTF_8));
        return new Restore(exit, printed.toString(StandardCharsets.UTF_8));
    }

    /** The target is as it was (absent, or empty), and no half-made copy is left beside it. */
    private void assertUntouched(Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> files = Files.list(target)) {
                assertThat(files).isEmpty();
            }
        }
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            assertThat(siblings.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.contains(".restoring-"));
        }
    }

    private Path copyOfBackup(String name) throws IOException {
        Path copy = root.resolve("copies").resolve(name);
        copy(backup, copy);
        return copy;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> entries = Files.walk(from)) {
            for (Path entry : entries.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(entry).toString());
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(entry, target);
                }
            }
        }
    }

    private ConfigurableApplicationContext start(Path dataDir, Path keyDir, String... extra) {
        List<String> args = new ArrayList<>(List.of("--relais.data-dir=" + dataDir, "--relais.key-dir=" + keyDir,
                "--relais.integrity.checkpoint-log=" + keyDir.resolve("checkpoints.log"),
                "--relais.integrity.checkpoint-interval=PT1H", "--server.port=0", "--logging.level.root=WARN"));
        args.addAll(List.of(extra));
        if (args.stream().noneMatch(arg -> arg.startsWith("--relais.backup.dir="))) {
            args.add("--relais.backup.dir=" + backups);
        }
        return new SpringApplicationBuilder(RelaisApplication.class).profiles("demo", "fast-passwords")
                .run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
