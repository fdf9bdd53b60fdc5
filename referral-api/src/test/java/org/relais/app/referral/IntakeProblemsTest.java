package org.relais.app.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.axonframework.eventsourcing.eventstore.EventStore;
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

/** Bad input and the wrong caller get a problem document with a stable code, and change nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class IntakeProblemsTest {

    static final Path DATA_DIR = TestDataDirs.create("problems");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventStore eventStore;

    @Test
    void malformed_json_is_a_400_problem_that_stores_nothing() {
        long before = events();
        ApiClient.Response response = new ApiClient(port).postJson("/api/referrals", "coordinator",
                "{\"channel\": \"CHAT\", \"victim\": {\"name\": \"Secret Name\"");

        assertProblem(response, 400, "MALFORMED_REQUEST");
        assertThat(response.body()).doesNotContain("Secret Name", "Exception", "java.", "at org.");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void unknown_enum_value_is_a_400_problem() {
        ApiClient.Response response = new ApiClient(port).postJson("/api/referrals", "coordinator",
                Intakes.minorCyberharassment("Secret Name").replace("\"CHAT\"", "\"FAX\""));

        assertProblem(response, 400, "MALFORMED_REQUEST");
        assertThat(response.body()).doesNotContain("Secret Name", "org.relais");
    }

    @Test
    void missing_categories_is_a_400_problem_naming_the_field() {
        long before = events();
        ApiClient.Response response = new ApiClient(port).postJson("/api/referrals", "coordinator",
                Intakes.minorCyberharassment("Secret Name").replace("\"CYBERHARASSMENT\", \"NON_CONSENSUAL_IMAGERY\"", ""));

        assertProblem(response, 400, "INVALID_INPUT");
        assertThat(response.json().get("errors").get(0).get("pointer").asString()).isEqualTo("/categories");
        assertThat(response.body()).doesNotContain("Secret Name");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void wrong_media_type_is_a_415_problem() {
        assertProblem(new ApiClient(port).post("/api/referrals", "coordinator", "text/plain", "hello"),
                415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void no_credentials_is_a_401_problem() {
        assertProblem(new ApiClient(port).postJson("/api/referrals", null, Intakes.minorCyberharassment("X")),
                401, "UNAUTHENTICATED");
    }

    @Test
    void an_auditor_cannot_take_in_a_case() {
        long before = events();
        assertProblem(new ApiClient(port).postJson("/api/referrals", "auditor", Intakes.minorCyberharassment("X")),
                403, "FORBIDDEN");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void an_unknown_referral_is_a_404_problem() {
        assertProblem(new ApiClient(port).get("/api/referrals/does-not-exist", "coordinator"), 404, "NOT_FOUND");
    }

    @Test
    void a_liaison_without_a_transfer_gets_404_not_403() {
        ApiClient api = new ApiClient(port);
        String id = api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment("X")).json()
                .get("referralId").asString();
        org.awaitility.Awaitility.await().until(() -> api.get("/api/referrals/" + id, "coordinator").status() == 200);

        assertProblem(api.get("/api/referrals/" + id, "police"), 404, "NOT_FOUND");
    }

    @Test
    void an_unsupported_sort_is_a_400_problem() {
        assertProblem(new ApiClient(port).get("/api/referrals?sort=victim.name", "coordinator"), 400, "INVALID_INPUT");
    }

    private long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    private static void assertProblem(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo(code);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }
}
