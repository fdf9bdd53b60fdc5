package org.relais.web.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.web.RelaisApplication;
import org.relais.web.support.ApiClient;
import org.relais.web.support.Intakes;
import org.relais.web.support.TestDataDirs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Someone with the database file but not the keys edits it while Relais is stopped: one byte of a payload flipped,
 * an event row deleted, a forged event row added. At the next start the verification names each one.
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
        assertBroken(victim, "event altered");
    }

    @Test
    void a_deleted_event_row_is_named() throws Exception {
        long victim;
        try (Connection db = database()) {
            victim = secondToLast(db);
            db.createStatement().executeUpdate("DELETE FROM DomainEventEntry WHERE globalIndex = " + victim);
        }
        assertBroken(victim, "event missing");
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
        assertBroken(forged, "event not sealed");
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
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("events"), "relais", "");
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(RelaisApplication.class).profiles("demo")
                .run("--relais.data-dir=" + dataDir, "--server.port=0", "--logging.level.root=WARN");
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
    }
}
