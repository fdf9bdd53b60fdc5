package org.relais.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

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
 * A store written before chain version 2 (src/test/resources/stores/chain-v1: 15 events, chained and sealed as
 * HMACs over the stored rows, in the former H2 store, which the first start migrates to SQLite) still verifies after
 * the upgrade; new events are chained in version 2 after the old
 * entries, and an old event changed afterwards is still named.
 */
class ChainUpgradeTest {

    private static final int OLD_EVENTS = 15;

    private Path dataDir;
    private Path keyDir;

    @BeforeEach
    void anOldStore() throws IOException {
        Path root = TestDataDirs.create("chain-v1");
        dataDir = Files.createDirectories(root.resolve("data"));
        keyDir = Files.createDirectories(root.resolve("keys"));
        copy("events.mv.db", dataDir);
        copy("keys/master.key", keyDir);
        copy("keys/integrity.key", keyDir);
    }

    @Test
    void the_old_entries_still_verify_and_new_ones_follow_them_in_version_2() {
        try (ConfigurableApplicationContext app = start()) {
            ApiClient api = client(app);
            assertThat(dataDir.resolve("events.mv.db")).as("the H2 store, migrated to SQLite").doesNotExist();
            assertThat(dataDir.resolve("events.mv.db.migrated-to-sqlite")).exists();
            JsonNode upgraded = api.get("/api/audit/verification", "auditor").json();
            assertThat(upgraded.get("valid").asBoolean()).as(upgraded.toString()).isTrue();
            assertThat(upgraded.get("checked").asLong()).isEqualTo(OLD_EVENTS);

            assertThat(api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment("After"))
                    .status()).isEqualTo(201);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            long events = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
            await().atMost(Duration.ofSeconds(20)).until(
                    () -> jdbc.queryForObject("SELECT COUNT(*) FROM audit_chain", Long.class) >= events);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_chain WHERE chain_version = 1", Long.class))
                    .isEqualTo(OLD_EVENTS);
            assertThat(jdbc.queryForObject("SELECT MIN(position) FROM audit_chain WHERE chain_version = 2",
                    Long.class)).isEqualTo(OLD_EVENTS);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM event_seal WHERE seal_version = 2", Long.class))
                    .isEqualTo(events - OLD_EVENTS);

            JsonNode both = api.get("/api/audit/verification", "auditor").json();
            assertThat(both.get("valid").asBoolean()).as(both.toString()).isTrue();
            assertThat(both.get("checked").asLong()).isEqualTo(events);
        }
    }

    @Test
    void an_old_event_changed_after_the_upgrade_is_named() throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            assertThat(client(app).get("/api/audit/verification", "auditor").json().get("valid").asBoolean()).isTrue();
        }
        long victim = 13;
        try (Connection db = SqliteEventStoreSettings.open(dataDir.resolve(SqliteEventStoreSettings.FILE),
                Durability.POWER_LOSS);
             PreparedStatement read = db.prepareStatement("SELECT payload FROM DomainEventEntry WHERE globalIndex = ?");
             PreparedStatement write = db.prepareStatement(
                     "UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?")) {
            read.setLong(1, victim);
            byte[] payload;
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                payload = rs.getBytes(1);
            }
            payload[payload.length / 2] ^= 0x01;
            write.setBytes(1, payload);
            write.setLong(2, victim);
            assertThat(write.executeUpdate()).isEqualTo(1);
        }
        try (ConfigurableApplicationContext app = start()) {
            JsonNode result = client(app).get("/api/audit/verification", "auditor").json();
            assertThat(result.get("valid").asBoolean()).isFalse();
            assertThat(result.get("firstBrokenAt").asLong()).isEqualTo(victim);
            assertThat(result.get("reason").asString()).isEqualTo("EVENT_ALTERED");
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(RelaisApplication.class).profiles("demo")
                .run("--relais.data-dir=" + dataDir, "--relais.key-dir=" + keyDir, "--server.port=0",
                        "--logging.level.root=WARN");
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
    }

    private static void copy(String resource, Path directory) throws IOException {
        try (InputStream in = ChainUpgradeTest.class.getResourceAsStream("/stores/chain-v1/" + resource)) {
            Files.copy(in, directory.resolve(Path.of(resource).getFileName()));
        }
    }
}
