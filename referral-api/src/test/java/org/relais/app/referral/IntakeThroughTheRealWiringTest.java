package org.relais.app.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.ReferralReceivedEvent;
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
 * Intake over HTTP, through the command bus, into the SQLite event store, out through the event processors into the
 * embedded MongoDB read side, and back over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class IntakeThroughTheRealWiringTest {

    static final Path DATA_DIR = TestDataDirs.create("intake");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_case_taken_in_over_http_is_stored_as_an_event_and_served_by_the_read_side() throws Exception {
        ApiClient api = new ApiClient(port);

        ApiClient.Response created = api.postJson("/api/referrals", "coordinator",
                Intakes.minorCyberharassment("Léa Intake"));

        assertThat(created.status()).isEqualTo(201);
        String referralId = created.json().get("referralId").asString();
        assertThat(created.json().get("version").asLong()).isZero();

        ReferralReceivedEvent stored = (ReferralReceivedEvent) eventStore.readEvents(referralId).next().getPayload();
        assertThat(stored.reference()).matches("R-\\d{4}-\\d{6}");
        assertThat(eventStore.readEvents(referralId).asStream().findFirst().orElseThrow().getMetaData())
                .containsEntry("actorUser", "coordinator").containsEntry("actorRole", "COORDINATOR");

        JsonNode detail = await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/referrals/" + referralId, "coordinator"), r -> r.status() == 200).json();
        assertThat(detail.get("reference").asString()).isEqualTo(stored.reference());
        assertThat(detail.get("status").asString()).isEqualTo("RECEIVED");
        assertThat(detail.get("victim").get("name").asString()).isEqualTo("Léa Intake");
        assertThat(detail.get("contentUrls").get(0).asString()).isEqualTo("https://social.example/p/123");

        JsonNode page = api.get("/api/referrals?minor=true&category=CYBERHARASSMENT", "auditor").json();
        assertThat(page.get("items").valueStream().map(item -> item.get("referralId").asString()))
                .contains(referralId);
        assertThat(page.get("items").valueStream().filter(i -> i.get("referralId").asString().equals(referralId))
                .findFirst().orElseThrow().has("victim")).isFalse();
    }

    @Test
    void personal_data_is_not_in_clear_in_the_event_table_nor_on_disk() throws Exception {
        ApiClient api = new ApiClient(port);
        String marker = "Zoé Unmistakable-Marker";
        assertThat(api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment(marker)).status())
                .isEqualTo(201);

        byte[] payloads = jdbc.queryForList("SELECT payload FROM DomainEventEntry", byte[].class).stream()
                .reduce(new byte[0], TestDataDirs::concat);
        assertThat(new String(payloads, StandardCharsets.UTF_8)).contains("personalData").doesNotContain("Unmistakable");

        // a commit writes its pages to the store's -wal file, which is read here with the others
        StringBuilder disk = new StringBuilder();
        try (Stream<Path> files = Files.walk(DATA_DIR)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                disk.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        // the check can see event payloads on disk (the case's categories are there in clear)...
        assertThat(disk).contains("NON_CONSENSUAL_IMAGERY");
        // ...and the victim's name is not
        assertThat(disk).doesNotContain("Unmistakable");
    }
}
