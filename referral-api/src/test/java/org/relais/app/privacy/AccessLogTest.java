package org.relais.app.privacy;

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

/** Every read of personal data leaves a record, stored as an event (so chained) and queryable by auditors. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class AccessLogTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("access").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void reading_a_case_records_who_saw_which_fields_when_and_why() {
        ApiClient api = new ApiClient(port);
        String referralId = api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment("Read Person"))
                .json().get("referralId").asString();
        await().until(() -> api.get("/api/referrals/" + referralId, "auditor").status() == 200);
        long before = events();

        assertThat(api.get("/api/referrals/" + referralId + "?purpose=callback%20to%20the%20family", "coordinator")
                .status()).isEqualTo(200);

        assertThat(events()).as("the read is an event in the store, so it is chained").isEqualTo(before + 1);
        JsonNode log = await().atMost(Duration.ofSeconds(10)).until(
                () -> api.get("/api/audit/access?referralId=" + referralId + "&actor=coordinator", "auditor").json(),
                page -> page.get("total").asLong() == 1);
        JsonNode record = log.get("items").get(0);
        assertThat(record.get("actorRole").asString()).isEqualTo("COORDINATOR");
        assertThat(record.get("purpose").asString()).isEqualTo("callback to the family");
        assertThat(record.get("fields").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder(
                "victim.name", "victim.contact", "reporter.name", "reporter.contact", "narrative", "contentUrls");
        assertThat(record.has("at")).isTrue();
        assertThat(log.toString()).doesNotContain("Read Person");
    }

    @Test
    void the_case_list_opens_no_personal_data_and_records_nothing() {
        ApiClient api = new ApiClient(port);
        long before = events();
        assertThat(api.get("/api/referrals", "coordinator").status()).isEqualTo(200);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void only_auditors_read_the_access_log() {
        assertThat(new ApiClient(port).get("/api/audit/access", "coordinator").status()).isEqualTo(403);
    }

    @Test
    void opened_free_texts_and_exports_are_recorded_too() {
        ApiClient api = new ApiClient(port);
        String referralId = api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment("Text Person"))
                .json().get("referralId").asString();
        assertThat(api.postJson("/api/referrals/" + referralId + "/triage", "coordinator", "{\"riskLevel\": \"HIGH\"}")
                .status()).isEqualTo(200);
        assertThat(api.postJson("/api/referrals/" + referralId + "/consent", "coordinator",
                "{\"givenBy\": \"the mother\"}").status()).isEqualTo(200);
        String transferId = api.postJson("/api/referrals/" + referralId + "/transfers", "coordinator", """
                {"partnerId": "demo-platform", "purpose": "CONTENT_REMOVAL", "legalBasis": "CONSENT",
                 "sharedFields": ["contentUrls"], "message": "Please remove the post of Text Person"}""")
                .json().get("transferId").asString();
        await().until(() -> api.get("/api/referrals/" + referralId, "auditor").json().path("transfers").size() == 1);

        assertThat(api.get("/api/referrals/" + referralId + "/history/export", "auditor").status()).isEqualTo(200);

        JsonNode log = await().atMost(Duration.ofSeconds(10)).until(
                () -> api.get("/api/audit/access?referralId=" + referralId, "auditor").json(),
                page -> page.get("items").valueStream().anyMatch(r -> r.get("texts").size() > 0)
                        && page.get("items").valueStream().anyMatch(r -> r.get("purpose").asString("")
                        .startsWith("history export")));
        assertThat(log.get("items").valueStream().flatMap(r -> r.get("texts").valueStream()).map(JsonNode::asString))
                .contains("transfer.message:" + transferId);
        assertThat(log.toString()).doesNotContain("Text Person");
    }

    /** Access records stored before texts were recorded (revision 1) read through the upcaster with no texts. */
    @Test
    void an_access_record_stored_before_texts_were_recorded_reads_with_no_texts() {
        ApiClient api = new ApiClient(port);
        String referralId = "0b6f3c2e-5d1a-4c1e-9f7e-3a2b1c0d9e8f";
        String revision1 = """
                {"referralId": "%s", "fields": ["victim.name", "narrative"], "purpose": "case review"}"""
                .formatted(referralId);
        jdbc.update("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, "
                        + "metaData, payload, payloadRevision, payloadType, timeStamp) SELECT ?, 0, NULL, ?, metaData, "
                        + "?, '1', ?, timeStamp FROM DomainEventEntry WHERE globalIndex = "
                        + "(SELECT MAX(globalIndex) FROM DomainEventEntry)",
                "old-access-record", "old-access-record", revision1.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                org.relais.core.api.access.PersonalDataAccessedEvent.class.getName());

        JsonNode record = await().atMost(Duration.ofSeconds(10)).until(
                () -> api.get("/api/audit/access?referralId=" + referralId, "auditor").json(),
                page -> page.get("total").asLong() == 1).get("items").get(0);
        assertThat(record.get("fields").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("victim.name", "narrative");
        assertThat(record.get("texts").size()).isZero();
        assertThat(record.get("purpose").asString()).isEqualTo("case review");
    }

    private long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }
}
