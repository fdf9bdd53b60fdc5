package org.relais.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.referral.CloseReferralCommand;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.ErasureGround;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.referral.ReferralErasureRequestedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReopenReferralCommand;
import org.relais.core.api.referral.RequestErasureCommand;
import org.relais.core.api.referral.SealedPersonalDetails;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.app.support.ApiClient;
import org.relais.app.support.Commands;
import org.relais.app.support.Intakes;
import org.relais.app.support.MutableClock;
import org.relais.app.support.TestDataDirs;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Erasure destroys the subject's key in the transaction that records it: the case and its history stay, every
 * copy of the personal data becomes unreadable at once. Retention erases closed cases the same way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "relais.retention.after-closure=P30D")
@ActiveProfiles("demo")
class ErasureAndRetentionTest {

    /**
     * Now, not a fixed date: the case checks retention against its closing event's own timestamp, which Axon takes
     * from the system clock; the test clock only ever moves forward from there.
     */
    static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS);
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
    @Autowired
    PlatformTransactionManager transactions;

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

        commands.send(new RequestErasureCommand(referralId, "Data subject request", ErasureGround.DATA_SUBJECT_REQUEST),
                ADMIN);

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

    /**
     * The job reads its schedule, then sends one command per case: a case reopened in between (here, between the two
     * steps of the job, as a coordinator on another thread or instance would) keeps its personal data. A case
     * reopened and closed again meanwhile is refused the same way; that scenario is in the referral's own tests,
     * since it needs the closing events' timestamps, which come from the system clock, to move with the test clock.
     */
    @Test
    void retention_leaves_alone_a_case_reopened_after_the_job_read_its_schedule() {
        String reopened = commands.consentedOnlineCase("Reopened Meanwhile");
        commands.send(new CloseReferralCommand(reopened, ClosureOutcome.RESOLVED, null), Commands.COORDINATOR);
        clock.advance(Duration.ofDays(31));

        List<String> due = retention.dueForErasure();
        assertThat(due).contains(reopened);
        commands.send(new ReopenReferralCommand(reopened, "New facts"), Commands.COORDINATOR);

        assertThat(retention.erase(due.stream().filter(reopened::equals).toList())).isZero();
        assertThat(protector.isErased(reopened)).isFalse();
        assertThat(eventStore.readEvents(reopened).asStream().map(DomainEventMessage::getPayload))
                .noneMatch(ReferralErasureRequestedEvent.class::isInstance);
    }

    /**
     * The erasing instance forgets the key when the erasure commits, not before: a read on another thread while the
     * transaction is open still sees the committed key row and caches the key, and it is gone right after the commit,
     * without waiting for the cache to expire.
     */
    @Test
    void the_erasing_instance_forgets_the_key_at_the_commit_even_if_a_read_cached_it_during_the_transaction() {
        String referralId = commands.consentedOnlineCase("Read During The Erasure");
        SealedPersonalDetails sealed = ((ReferralReceivedEvent) eventStore.readEvents(referralId).next().getPayload())
                .personalData();

        new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
            protector.erase(referralId);
            Optional<PersonalDetails> during = CompletableFuture.supplyAsync(() -> protector.open(referralId, sealed)).join();
            assertThat(during).as("read on another thread before the commit").isPresent();
        });

        assertThat(protector.open(referralId, sealed)).as("read right after the commit").isEmpty();
    }
}
