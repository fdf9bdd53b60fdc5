package org.relais.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.app.RelaisApplication;
import org.relais.app.eventstore.SqliteEventStoreSettings;
import org.relais.app.eventstore.SqliteEventStoreSettings.Durability;
import org.relais.app.support.ApiClient;
import org.relais.app.support.Intakes;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Someone with the database file but not the keys edits it while Relais is stopped: one byte of a payload flipped,
 * an event row deleted, a forged event row added, the last events deleted with their seals and chain entries, the
 * whole store put back to an older copy. At the next start the verification names each one; the last two only the
 * signed checkpoints, kept outside the database, can tell.
 */
class TamperingWhileStoppedTest {

    private Path dataDir;

    @BeforeEach
    void aHistory() {
        dataDir = TestDataDirs.create("tamper");
        try (ConfigurableApplicationContext app = start()) {
            ApiClient api = client(app);
            for (int i = 0; i < 4; i++) {
                assertThat(api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment("T " + i))
                        .status()).isEqualTo(201);
            }
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            long events = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
            await().atMost(Duration.ofSeconds(20)).until(
                    () -> jdbc.queryForObject("SELECT COUNT(*) FROM audit_chain", Long.class) >= events);
            assertThat(verification(api).get("valid").asBoolean()).isTrue();
        }
    }

    @Test
    void one_flipped_byte_in_a_payload_is_named() throws Exception {
        long victim;
        try (Connection db = database()) {
            victim = secondToLast(db);
            byte[] payload;
            try (PreparedStatement read = db.prepareStatement("SELECT payload FROM DomainEventEntry WHERE globalIndex = ?")) {
                read.setLong(1, victim);
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    payload = rs.getBytes(1);
                }
            }
            payload[payload.length / 2] ^= 0x01;
            try (PreparedStatement write = db.prepareStatement("UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?")) {
                write.setBytes(1, payload);
                write.setLong(2, victim);
                write.executeUpdate();
            }
        }
        assertBroken(victim, "EVENT_ALTERED");
    }

    @Test
    void a_deleted_event_row_is_named() throws Exception {
        long victim;
        try (Connection db = database()) {
            victim = secondToLast(db);
            db.createStatement().executeUpdate("DELETE FROM DomainEventEntry WHERE globalIndex = " + victim);
        }
        assertBroken(victim, "EVENT_MISSING");
    }

    @Test
    void a_forged_event_row_is_named() throws Exception {
        long forged;
        try (Connection db = database()) {
            try (ResultSet rs = db.createStatement().executeQuery("SELECT MAX(globalIndex) FROM DomainEventEntry")) {
                rs.next();
                forged = rs.getLong(1) + 1;
            }
            // a copy of a real row under a new identity: well-formed, so only the missing seal gives it away
            db.createStatement().executeUpdate("INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, "
                    + "sequenceNumber, type, eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp) "
                    + "SELECT " + forged + ", '" + UUID.randomUUID() + "', 0, type, '" + UUID.randomUUID() + "', metaData, "
                    + "payload, payloadRevision, payloadType, timeStamp FROM DomainEventEntry WHERE globalIndex = "
                    + (forged - 1));
        }
        assertBroken(forged, "EVENT_NOT_SEALED");
    }

    @Test
    void the_last_events_deleted_with_their_seals_and_chain_entries_are_named_a_truncation() throws Exception {
        Checkpoint atStop = lastCheckpoint();
        try (Connection db = database()) {
            long entries = count(db, "SELECT COUNT(*) FROM audit_chain");
            assertThat(atStop.entries()).as("the clean stop signed the whole chain").isEqualTo(entries);
            // what someone who wants the end of the history gone deletes: it leaves a consistent, shorter store
            String cut = " IN (SELECT global_index FROM audit_chain WHERE position >= " + (entries - 2) + ")";
            db.createStatement().executeUpdate("DELETE FROM event_seal WHERE event_identifier IN (SELECT "
                    + "event_identifier FROM audit_chain WHERE position >= " + (entries - 2) + ")");
            db.createStatement().executeUpdate("DELETE FROM DomainEventEntry WHERE globalIndex" + cut);
            db.createStatement().executeUpdate("DELETE FROM audit_chain WHERE position >= " + (entries - 2));
        }
        try (ConfigurableApplicationContext app = start()) {
            JsonNode result = verification(client(app));
            assertThat(result.get("valid").asBoolean()).isFalse();
            assertThat(result.get("reason").asString()).isEqualTo("TRUNCATED");
            assertThat(result.get("checkpoint").get("entries").asLong()).isEqualTo(atStop.entries());
            assertThat(result.get("checkpoint").get("headHash").asString()).isEqualTo(atStop.headHash());
            assertThat(result.get("chain").get("entries").asLong()).isEqualTo(atStop.entries() - 2);
        }
        assertThat(lastCheckpoint()).as("a shorter chain is never signed").isEqualTo(atStop);
    }

    @Test
    void a_store_put_back_to_an_older_copy_is_named_a_rollback_and_then_a_replaced_history() throws Exception {
        Checkpoint copied = lastCheckpoint();
        Path copy = TestDataDirs.create("tamper-copy");
        copyTree(dataDir, copy);
        try (ConfigurableApplicationContext app = start()) {
            intakesChained(app, 1);
        }
        Checkpoint later = lastCheckpoint();
        assertThat(later.entries()).isGreaterThan(copied.entries());

        replaceTree(copy, dataDir);
        try (ConfigurableApplicationContext app = start()) {
            ApiClient api = client(app);
            JsonNode rolledBack = verification(api);
            assertThat(rolledBack.get("valid").asBoolean()).isFalse();
            assertThat(rolledBack.get("reason").asString()).isEqualTo("ROLLED_BACK");
            assertThat(rolledBack.get("checkpoint").get("entries").asLong()).isEqualTo(later.entries());
            assertThat(rolledBack.get("chain").get("entries").asLong()).isEqualTo(copied.entries());

            // carrying on from the old copy writes another history over the count the later checkpoint signed
            intakesChained(app, 2);
            JsonNode replaced = verification(api);
            assertThat(replaced.get("valid").asBoolean()).isFalse();
            assertThat(replaced.get("reason").asString()).isEqualTo("DIVERGED");
            assertThat(replaced.get("checkpoint").get("entries").asLong()).isEqualTo(later.entries());
        }
        assertThat(lastCheckpoint()).as("a replaced history is never signed").isEqualTo(later);
    }

    @Test
    void an_edited_checkpoint_log_is_named() throws Exception {
        Path log = checkpointLog();
        String text = Files.readString(log);
        Files.writeString(log, text.replaceFirst("\"entries\":(\\d+)", "\"entries\":1$1"));
        try (ConfigurableApplicationContext app = start()) {
            JsonNode result = verification(client(app));
            assertThat(result.get("valid").asBoolean()).isFalse();
            assertThat(result.get("reason").asString()).isEqualTo("CHECKPOINT_INVALID");
        }
    }

    private void intakesChained(ConfigurableApplicationContext app, int intakes) {
        ApiClient api = client(app);
        for (int i = 0; i < intakes; i++) {
            assertThat(api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment("More " + i))
                    .status()).isEqualTo(201);
        }
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        long events = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_chain WHERE global_index = ?", Long.class, events) == 1);
    }

    private Path checkpointLog() {
        return Path.of(dataDir + "-keys", "checkpoints.log");
    }

    private Checkpoint lastCheckpoint() throws IOException {
        List<String> lines = Files.readAllLines(checkpointLog());
        return Checkpoint.fromJsonLine(lines.get(lines.size() - 1));
    }

    private static long count(Connection db, String query) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void replaceTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(to)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!file.equals(to)) {
                    Files.delete(file);
                }
            }
        }
        copyTree(from, to);
    }

    private void assertBroken(long globalIndex, String reason) {
        try (ConfigurableApplicationContext app = start()) {
            ApiClient api = client(app);
            JsonNode result = await().atMost(Duration.ofSeconds(20)).until(() -> verification(api),
                    json -> !json.get("valid").asBoolean());
            assertThat(result.get("firstBrokenAt").asLong()).isEqualTo(globalIndex);
            assertThat(result.get("reason").asString()).isEqualTo(reason);
        }
    }

    private static JsonNode verification(ApiClient api) {
        return api.get("/api/audit/verification", "auditor").json();
    }

    private long secondToLast(Connection db) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery("SELECT MAX(globalIndex) - 1 FROM DomainEventEntry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection database() throws SQLException {
        return SqliteEventStoreSettings.open(dataDir.resolve(SqliteEventStoreSettings.FILE), Durability.POWER_LOSS);
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(RelaisApplication.class).profiles("demo")
                .run("--relais.data-dir=" + dataDir, "--server.port=0", "--logging.level.root=WARN");
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
    }
}
