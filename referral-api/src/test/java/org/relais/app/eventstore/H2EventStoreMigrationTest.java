package org.relais.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.relais.app.RelaisApplication;
import org.relais.app.support.ApiClient;
import org.relais.app.support.Intakes;
import org.relais.app.support.TestDataDirs;
import org.relais.app.support.TestSigningKey;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A data directory whose event store is the former H2 file becomes a SQLite one at the first start, with every row:
 * the H2 store is written here by the application itself (its H2 schema migrations, Axon's appends, the seals, the
 * chain and its processor's token, data keys, an erasure), pointed at the H2 file as an external database, as the
 * embedded default did before; then the embedded default starts on the directory.
 */
class H2EventStoreMigrationTest {

    private static final List<String> TABLES = List.of("DomainEventEntry", "SnapshotEventEntry", "subject_key",
            "referral_reference_counter", "idempotency_record", "transfer_deadline", "mail_outbox", "TokenEntry",
            "audit_chain", "retention_schedule", "event_seal", "contact_index");

    private final Path dataDir = TestDataDirs.create("h2-to-sqlite");
    private final Path keyDir = TestDataDirs.create("h2-to-sqlite-keys");
    private final String h2Url = "jdbc:h2:file:" + dataDir.resolve("events") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

    @Test
    void every_row_moves_with_its_global_index_and_the_chain_still_verifies() throws Exception {
        List<String> kept = new ArrayList<>();
        try (ConfigurableApplicationContext h2 = start("--spring.datasource.url=" + h2Url,
                "--spring.datasource.username=relais", "--spring.datasource.password=")) {
            ApiClient api = client(h2);
            for (int i = 0; i < 3; i++) {
                kept.add(api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment("Kept " + i))
                        .json().get("referralId").asString());
            }
            String erased = api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment("Erased"))
                    .json().get("referralId").asString();
            assertThat(api.postJson("/api/referrals/" + erased + "/erasure", "admin",
                    "{\"reason\": \"the data subject asked\"}").status()).isEqualTo(200);
            JdbcTemplate jdbc = h2.getBean(JdbcTemplate.class);
            long events = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
            await().until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM audit_chain", Long.class) == events);
        }
        Map<Long, String> h2Events;
        Map<String, Long> h2Counts = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection(h2Url, "relais", "")) {
            h2Events = events(db);
            for (String table : TABLES) {
                h2Counts.put(table, count(db, table));
            }
        }
        assertThat(h2Counts.get("subject_key")).isEqualTo(4);

        try (ConfigurableApplicationContext sqlite = start()) {
            assertThat(dataDir.resolve("events.mv.db")).doesNotExist();
            assertThat(dataDir.resolve("events.mv.db.migrated-to-sqlite")).exists();
            assertThat(dataDir.resolve(SqliteEventStoreSettings.FILE)).exists();
            JdbcTemplate jdbc = sqlite.getBean(JdbcTemplate.class);
            assertThat(jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<String>) c ->
                    c.getMetaData().getDatabaseProductName())).isEqualTo("SQLite");
            try (Connection db = SqliteEventStoreSettings.open(dataDir.resolve(SqliteEventStoreSettings.FILE),
                    SqliteEventStoreSettings.Durability.POWER_LOSS)) {
                assertThat(events(db)).as("global index -> event identifier").isEqualTo(h2Events);
                for (String table : TABLES) {
                    assertThat(count(db, table)).as(table).isEqualTo(h2Counts.get(table));
                }
            }

            ApiClient api = client(sqlite);
            for (String referralId : kept) {
                await().until(() -> api.get("/api/referrals/" + referralId, "coordinator").status() == 200);
            }
            JsonNode migrated = api.get("/api/audit/verification", "auditor").json();
            assertThat(migrated.get("valid").asBoolean()).as(migrated.toString()).isTrue();
            // reading a case records who read it: a few events more than were copied
            assertThat(migrated.get("checked").asLong()).isGreaterThanOrEqualTo(h2Events.size());

            String after = api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment("After"))
                    .json().get("referralId").asString();
            long highestBefore = ((TreeMap<Long, String>) h2Events).lastKey();
            assertThat(jdbc.queryForObject(
                    "SELECT MIN(globalIndex) FROM DomainEventEntry WHERE aggregateIdentifier = ?", Long.class, after)).as("a new event's index").isGreaterThan(highestBefore);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex <= ?", Long.class,
                    highestBefore)).as("events at or below the highest copied index").isEqualTo(h2Events.size());
            long events = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
            await().until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM audit_chain", Long.class) == events);
            JsonNode continued = api.get("/api/audit/verification", "auditor").json();
            assertThat(continued.get("valid").asBoolean()).as(continued.toString()).isTrue();
            assertThat(continued.get("checked").asLong()).isEqualTo(events);
        }
    }

    private ConfigurableApplicationContext start(String... extra) {
        String zeros = Base64.getEncoder().encodeToString(new byte[32]);
        List<String> args = new ArrayList<>(List.of("--relais.data-dir=" + dataDir, "--relais.key-dir=" + keyDir,
                "--relais.privacy.master-key=" + zeros, "--relais.privacy.integrity-key=" + zeros,
                "--relais.privacy.index-key=" + zeros,
                "--relais.integrity.signing-key=" + TestSigningKey.BASE64, "--server.port=0",
                "--logging.level.root=WARN"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(RelaisApplication.class).profiles("demo").run(args.toArray(String[]::new));
    }

    private static ApiClient client(ConfigurableApplicationContext app) {
        return new ApiClient(Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port")));
    }

    private static Map<Long, String> events(Connection db) throws SQLException {
        Map<Long, String> events = new TreeMap<>();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT globalIndex, eventIdentifier FROM DomainEventEntry")) {
            while (rows.next()) {
                events.put(rows.getLong(1), rows.getString(2));
            }
        }
        return events;
    }

    private static long count(Connection db, String table) throws SQLException {
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
