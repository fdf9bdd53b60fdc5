package org.relais.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.relais.app.support.ApiClient;
import org.relais.app.support.Intakes;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The chain is built from the real event store by its processor; someone who edits or deletes a stored event row
 * directly in the database is caught by the verification auditors run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class TamperEvidenceTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("integrity").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void an_untouched_history_verifies_and_an_edited_or_deleted_event_is_reported_where_it_is() {
        ApiClient api = new ApiClient(port);
        for (int i = 0; i < 3; i++) {
            assertThat(api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment("Chain " + i))
                    .status()).isEqualTo(201);
        }
        long events = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
        await().atMost(Duration.ofSeconds(20)).until(
                () -> jdbc.queryForObject("SELECT COUNT(*) FROM audit_chain", Long.class) >= events);

        JsonNode clean = api.get("/api/audit/verification", "auditor").json();
        assertThat(clean.get("valid").asBoolean()).isTrue();
        assertThat(clean.get("checked").asLong()).isEqualTo(events);

        long victim = jdbc.queryForObject("SELECT MAX(globalIndex) - 1 FROM DomainEventEntry", Long.class);
        String revision = jdbc.queryForObject("SELECT payloadRevision FROM DomainEventEntry WHERE globalIndex = ?",
                String.class, victim);
        jdbc.update("UPDATE DomainEventEntry SET payloadRevision = '99' WHERE globalIndex = ?", victim);

        JsonNode altered = api.get("/api/audit/verification", "auditor").json();
        assertThat(altered.get("valid").asBoolean()).isFalse();
        assertThat(altered.get("firstBrokenAt").asLong()).isEqualTo(victim);
        assertThat(altered.get("reason").asString()).isEqualTo("EVENT_ALTERED");

        jdbc.update("UPDATE DomainEventEntry SET payloadRevision = ? WHERE globalIndex = ?", revision, victim);
        assertThat(api.get("/api/audit/verification", "auditor").json().get("valid").asBoolean()).isTrue();

        jdbc.update("DELETE FROM DomainEventEntry WHERE globalIndex = ?", victim);
        JsonNode deleted = api.get("/api/audit/verification", "auditor").json();
        assertThat(deleted.get("valid").asBoolean()).isFalse();
        assertThat(deleted.get("firstBrokenAt").asLong()).isEqualTo(victim);
        assertThat(deleted.get("reason").asString()).isEqualTo("EVENT_MISSING");

        ApiClient.Response page = api.get("/ui/audit/verification?lang=en", "auditor");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("A chained event is gone from the event store.")
                .contains("First failing event: global index " + victim);
    }

    @Test
    void only_auditors_run_the_verification() {
        assertThat(new ApiClient(port).get("/api/audit/verification", "coordinator").status()).isEqualTo(403);
    }
}
