package org.relais.app.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relais.app.support.Intakes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every instance signs the head of the one shared chain into its own checkpoint log, whichever instance holds the
 * chain's processor: two witnesses of one history. Cut the end of that history off in the shared database, and each
 * instance names it from its own log.
 */
class CheckpointsAcrossInstancesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RelaisCluster cluster;

    @BeforeAll
    static void requirePostgres() {
        RelaisCluster.requirePostgres();
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void each_instance_witnesses_the_shared_chain_in_its_own_log_and_names_a_truncation() throws Exception {
        cluster = new RelaisCluster("checkpoints-across");
        Path logOne = cluster.dataDir.resolve("one-checkpoints.log");
        Path logTwo = cluster.dataDir.resolve("two-checkpoints.log");
        RelaisCluster.Instance one = cluster.start("relais", "--relais.integrity.checkpoint-log=" + logOne);
        one.awaitReady();
        RelaisCluster.Instance two = cluster.start("relais", "--relais.integrity.checkpoint-log=" + logTwo);
        two.awaitReady();

        String referralId = null;
        for (int i = 0; i < 2; i++) {
            referralId = one.api().postJson("/api/referrals", "coordinator",
                    Intakes.minorCyberharassment("Shared " + i)).json().get("referralId").asString();
        }
        long events = count("SELECT COUNT(*) FROM DomainEventEntry");
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM audit_chain") == events);
        // an export signs the head first: on each instance, into its own log (the interval, a minute, has not come)
        String export = "/api/referrals/" + referralId + "/history/export";
        for (RelaisCluster.Instance instance : List.of(one, two)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> instance.api().get(export, "auditor").status() == 200);
        }
        // each export is recorded in the access log after its head is signed: the second instance may sign one more
        for (Path log : List.of(logOne, logTwo)) {
            long entries = last(log).get("entries").asLong();
            assertThat(entries).isGreaterThanOrEqualTo(events);
            assertThat(last(log).get("headHash").asString()).as("the shared chain's entry the log signed")
                    .isEqualTo(text("SELECT entry_hash FROM audit_chain WHERE position = " + (entries - 1)));
        }
        assertThat(last(logOne).get("instance")).isNotEqualTo(last(logTwo).get("instance"));

        long kept = events - 2;
        cluster.sql("DELETE FROM " + cluster.schema + ".event_seal WHERE event_identifier IN (SELECT event_identifier"
                + " FROM " + cluster.schema + ".audit_chain WHERE position >= " + kept + ")");
        cluster.sql("DELETE FROM " + cluster.schema + ".domainevententry WHERE globalindex IN (SELECT global_index"
                + " FROM " + cluster.schema + ".audit_chain WHERE position >= " + kept + ")");
        cluster.sql("DELETE FROM " + cluster.schema + ".audit_chain WHERE position >= " + kept);

        for (RelaisCluster.Instance instance : List.of(one, two)) {
            JsonNode verification = instance.api().get("/api/audit/verification", "auditor").json();
            assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isFalse();
            assertThat(verification.get("reason").asString()).isEqualTo("TRUNCATED");
            assertThat(verification.get("checkpoint").get("entries").asLong()).isGreaterThanOrEqualTo(events);
        }
    }

    private long count(String query) throws Exception {
        try (Connection connection = DriverManager.getConnection(cluster.jdbcUrl(), RelaisCluster.PG_USER, "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String text(String query) throws Exception {
        try (Connection connection = DriverManager.getConnection(cluster.jdbcUrl(), RelaisCluster.PG_USER, "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static JsonNode last(Path log) throws Exception {
        if (!Files.exists(log)) {
            return null;
        }
        List<String> lines = Files.readAllLines(log).stream().filter(line -> !line.isBlank()).toList();
        return lines.isEmpty() ? null : JSON.readTree(lines.get(lines.size() - 1));
    }
}
