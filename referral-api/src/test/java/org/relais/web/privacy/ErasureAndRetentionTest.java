package org.relais.web.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.CloseReferralCommand;
import org.relais.core.api.ClosureOutcome;
import org.relais.core.api.ReferralErasureRequestedEvent;
import org.relais.core.api.ReferralReceivedEvent;
import org.relais.core.api.ReopenReferralCommand;
import org.relais.core.api.RequestErasureCommand;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.web.support.ApiClient;
import org.relais.web.support.Commands;
import org.relais.web.support.Intakes;
import org.relais.web.support.MutableClock;
import org.relais.web.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Erasure destroys the subject's key in the transaction that records it: the case and its history stay, every
 * copy of the personal data becomes unreadable at once. Retention erases closed cases the same way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "relais.retention.after-closure=P30D")
@ActiveProfiles("demo")
class ErasureAndRetentionTest {

    static final Instant START = Instant.parse("2026-11-02T09:00:00Z");
    static final Map<String, String> ADMIN = Map.of(ActorMetadata.USER, "admin", ActorMetadata.ROLE, "ADMIN");

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(START, ZoneId.of("Europe/Paris"));
        }
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("erasure").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    CommandGateway gateway;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PersonalDataProtector protector;
    @Autowired
    RetentionJob retention;

    Commands commands;

    @BeforeEach
    void setUp() {
        commands = new Commands(gateway);
        clock.set(START);
    }

    @Test
    void erasure_makes_every_copy_unreadable_at_once_and_the_history_still_replays() {
        ApiClient api = new ApiClient(port);
        String referralId = api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment("Erased Person"))
                .json().get("referralId").asString();
        await().until(() -> api.get("/api/referrals/" + referralId, "coordinator").status() == 200);

        commands.send(new RequestErasureCommand(referralId, "Data subject request"), ADMIN);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM subject_key WHERE subject_id = ? AND wrapped_key IS NULL "
                + "AND destroyed_at IS NOT NULL", Long.class, referralId)).isEqualTo(1);
        List<Object> history = eventStore.readEvents(referralId).asStream().map(DomainEventMessage::getPayload)
                .map(Object.class::cast).toList();
        assertThat(history).hasSize(2);
        ReferralReceivedEvent received = (ReferralReceivedEvent) history.get(0);
        assertThat(protector.open(referralId, received.personalData())).as("the event's copy").isEmpty();

        JsonNode detail = await().until(() -> api.get("/api/referrals/" + referralId, "coordinator").json(),
                json -> json.get("personalDataErased").asBoolean());
        assertThat(detail.has("victim")).isFalse();
        assertThat(detail.has("narrative")).isFalse();
        assertThat(detail.get("reference").asString()).isEqualTo(received.reference());
        assertThat(detail.toString()).doesNotContain("Erased Person");
    }

    @Test
    void retention_erases_a_case_closed_longer_than_the_period_and_a_reopened_case_is_spared() {
        String closed = commands.consentedOnlineCase("Retained Person");
        commands.send(new CloseReferralCommand(closed, ClosureOutcome.RESOLVED, null), Commands.COORDINATOR);
        String reopened = commands.consentedOnlineCase("Reopened Person");
        commands.send(new CloseReferralCommand(reopened, ClosureOutcome.RESOLVED, null), Commands.COORDINATOR);
        commands.send(new ReopenReferralCommand(reopened, "New facts"), Commands.COORDINATOR);

        clock.advance(Duration.ofDays(29));
        assertThat(retention.eraseExpired()).isZero();

        clock.advance(Duration.ofDays(2));
        assertThat(retention.eraseExpired()).isEqualTo(1);

        List<? extends DomainEventMessage<?>> history = eventStore.readEvents(closed).asStream().toList();
        DomainEventMessage<?> last = history.get(history.size() - 1);
        assertThat(last.getPayload()).isInstanceOf(ReferralErasureRequestedEvent.class);
        assertThat(last.getMetaData()).containsEntry(ActorMetadata.USER, "system:retention");
        assertThat(protector.isErased(closed)).isTrue();
        assertThat(protector.isErased(reopened)).isFalse();
        assertThat(retention.eraseExpired()).as("nothing is erased twice").isZero();
    }
}
