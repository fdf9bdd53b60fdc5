package org.relais.app.readmodels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relais.core.api.query.AuditEntryView;
import org.relais.core.api.query.AuditTrailPageView;
import org.relais.core.api.query.FindAuditTrailQuery;
import org.relais.core.api.access.PersonalDataAccessedEvent;
import org.relais.core.api.ShareableField;
import org.relais.app.support.PostgresSchema;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An event committed after events stored behind it (its transaction was still open when they committed) reaches
 * the audit trail under its own global index. The stream's tracking token does not move for such an event, and an
 * entry keyed by the token's position took the key of another event and was dropped as a redelivery: the reliability
 * run found dozens of late-committed events (overdue flags, commands racing a restart) missing from case histories.
 * On PostgreSQL: the embedded SQLite store commits one transaction at a time, so no event commits late there.
 */
@SpringBootTest
@ActiveProfiles("demo")
class AuditTrailLateCommitTest {

    private static final PostgresSchema POSTGRES = new PostgresSchema();

    @BeforeAll
    static void requirePostgres() {
        PostgresSchema.requirePostgres();
    }

    @AfterAll
    static void dropSchema() {
        POSTGRES.drop();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        POSTGRES.register(registry, "audit-late-commit");
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    TransactionManager transactions;

    @Autowired
    QueryGateway queries;

    @Autowired
    JdbcTemplate jdbc;

    private final Instant started = Instant.now().minusSeconds(1);

    @Test
    void an_event_committed_after_later_ones_has_its_own_entry_and_global_index() throws Exception {
        String referralId = UUID.randomUUID().toString();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        EventMessage<?> late = access(referralId, "committed last");
        CompletableFuture<Void> lateWriter = CompletableFuture.runAsync(() -> {
            Transaction transaction = transactions.startTransaction();
            eventStore.publish(late);
            appended.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            transaction.commit();
        });
        assertThat(appended.await(30, TimeUnit.SECONDS)).as("the late event holds its global index").isTrue();

        List<EventMessage<?>> onTime = List.of(access(referralId, "first on time"), access(referralId, "second"),
                access(referralId, "third"));
        onTime.forEach(eventStore::publish);
        Set<String> ids = new HashSet<>(List.of(late.getIdentifier()));
        onTime.forEach(event -> ids.add(event.getIdentifier()));
        await().atMost(Duration.ofSeconds(30)).until(() -> trail(ids).size() == onTime.size());

        release.countDown();
        lateWriter.get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> trail(ids).size() == ids.size());

        for (AuditEntryView entry : trail(ids)) {
            Long stored = jdbc.queryForObject("SELECT globalIndex FROM DomainEventEntry WHERE eventIdentifier = ?",
                    Long.class, entry.eventId());
            assertThat(entry.globalIndex()).as("global index of %s", entry.eventId()).isEqualTo(stored);
        }
        Long lateIndex = jdbc.queryForObject("SELECT globalIndex FROM DomainEventEntry WHERE eventIdentifier = ?",
                Long.class, late.getIdentifier());
        Long firstOnTime = jdbc.queryForObject("SELECT globalIndex FROM DomainEventEntry WHERE eventIdentifier = ?",
                Long.class, onTime.get(0).getIdentifier());
        assertThat(lateIndex).as("the late event was stored before the others, and committed after them")
                .isLessThan(firstOnTime);
    }

    /** The entries of these events, from the whole trail since the test began. */
    private List<AuditEntryView> trail(Set<String> eventIds) {
        return queries.query(new FindAuditTrailQuery(null, null, started, null, 0, 500), AuditTrailPageView.class)
                .join().items().stream().filter(entry -> eventIds.contains(entry.eventId())).toList();
    }

    private static EventMessage<?> access(String referralId, String purpose) {
        return GenericEventMessage.asEventMessage(
                new PersonalDataAccessedEvent(referralId, Set.of(ShareableField.NARRATIVE), Set.of(), purpose));
    }
}
