package org.relais.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.relais.core.api.referral.NoticeOutcome;
import org.relais.core.api.referral.NoticeOutcomeRecordedEvent;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.privacy.PersonalDataProtector;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The trusted-flagger report and the dashboard over a period, on a fixed store of the benchmark generator (seed 7,
 * 400 referrals over the two years before June 2026), appended through the application's own event store and read
 * over HTTP once the read models have it, against figures this test computes from the generated events alone (an
 * oracle that shares no code with the read models or the report).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedStoreFiguresTest {

    private static final long SEED = 7;
    private static final int REFERRALS = 400;
    private static final Instant END = Instant.parse("2026-07-01T00:00:00Z");
    private static final ZoneId SERVICE_ZONE = ZoneId.of("Europe/Paris");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigurableApplicationContext app;
    private Http http;
    private final List<DomainEventMessage<?>> generated = new ArrayList<>();

    @BeforeAll
    void generate() throws Exception {
        Path work = Path.of(System.getProperty("relais.benchmark-work")).resolveSibling("generated-figures");
        Path store = Files.createDirectories(work).resolve("store-" + System.nanoTime());
        app = Apps.inProcess(store);
        http = new Http(Apps.port(app));
        EventStore eventStore = app.getBean(EventStore.class);
        TransactionManager transactions = app.getBean(TransactionManager.class);
        PersonalDataProtector protector = app.getBean(PersonalDataProtector.class);
        SyntheticReferrals generator = new SyntheticReferrals(SEED, REFERRALS, END);
        for (int from = 0; from < REFERRALS; from += 100) {
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.attachTransaction(transactions);
            for (int i = from; i < from + 100; i++) {
                List<DomainEventMessage<?>> history = generator.referral(i, protector);
                generated.addAll(history);
                eventStore.publish(history);
            }
            unitOfWork.commit();
        }
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void the_trusted_flagger_report_gives_the_figures_of_the_generated_notices() throws Exception {
        int year = 2025;
        Oracle oracle = new Oracle(year);
        assertThat(oracle.notices).as("the generated year has removals to report").isGreaterThan(20);
        assertThat(oracle.answered.size()).isGreaterThan(10);

        JsonNode report = await().atMost(Duration.ofSeconds(120)).until(() -> json("auditor",
                "/api/audit/reports/trusted-flagger?year=" + year), r -> r.path("notices").asInt() == oracle.notices
                && r.path("answered").asInt() == oracle.answered.size());

        Map<String, Integer> byOutcome = new TreeMap<>();
        report.get("byOutcome").properties().forEach(e -> byOutcome.put(e.getKey(), e.getValue().asInt()));
        assertThat(byOutcome).isEqualTo(oracle.byOutcome());
        Map<String, Integer> byService = new TreeMap<>();
        report.get("byHostingService").valueStream().forEach(s -> byService.put(s.get("name").asString(),
                s.get("notices").asInt()));
        assertThat(byService).isEqualTo(oracle.byService);
        assertThat(Duration.parse(report.get("timeToAction").get("median").asString()))
                .isEqualTo(oracle.nearestRank(50));
        assertThat(Duration.parse(report.get("timeToAction").get("p90").asString()))
                .isEqualTo(oracle.nearestRank(90));
        assertThat(report.get("refused")).hasSize((int) oracle.answered.stream()
                .filter(a -> a.outcome() == NoticeOutcome.REFUSED).count());
    }

    @Test
    void the_dashboard_over_a_period_counts_the_generated_cases() throws Exception {
        LocalDate from = LocalDate.of(2025, 3, 1);
        LocalDate to = LocalDate.of(2025, 8, 31);
        int cases = 0;
        int minors = 0;
        Map<String, Integer> closures = new TreeMap<>();
        for (DomainEventMessage<?> event : generated) {
            LocalDate day = LocalDate.ofInstant(event.getTimestamp(), SERVICE_ZONE);
            boolean inPeriod = !day.isBefore(from) && !day.isAfter(to);
            if (inPeriod && event.getPayload() instanceof ReferralReceivedEvent received) {
                cases++;
                minors += received.ageBand().isMinor() ? 1 : 0;
            } else if (inPeriod && event.getPayload() instanceof ReferralClosedEvent closed) {
                closures.merge(closed.outcome().name(), 1, Integer::sum);
            }
        }
        int expectedCases = cases;
        assertThat(expectedCases).isGreaterThan(50);

        JsonNode dashboard = await().atMost(Duration.ofSeconds(120)).until(() -> json("coordinator",
                "/api/dashboard?from=" + from + "&to=" + to), d -> d.path("cases").asInt() == expectedCases
                && d.path("closuresByOutcome").size() == closures.size());

        assertThat(dashboard.get("minors").asInt()).isEqualTo(minors);
        Map<String, Integer> byOutcome = new TreeMap<>();
        dashboard.get("closuresByOutcome").properties().forEach(e -> byOutcome.put(e.getKey(), e.getValue().asInt()));
        assertThat(byOutcome).isEqualTo(closures);
    }

    private JsonNode json(String user, String path) throws Exception {
        var response = http.get(user, path);
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }

    /** The report's figures for {@code year}, worked out from the generated events. */
    private final class Oracle {

        int notices;
        final List<NoticeOutcomeRecordedEvent> answered = new ArrayList<>();
        final Map<String, Integer> byService = new TreeMap<>();
        private final List<Duration> timesToAction = new ArrayList<>();

        Oracle(int year) {
            Map<String, Instant> sent = new HashMap<>();
            for (DomainEventMessage<?> event : generated) {
                if (event.getPayload() instanceof TransferRequestedEvent requested
                        && requested.purpose() == TransferPurpose.CONTENT_REMOVAL
                        && event.getTimestamp().atZone(ZoneOffset.UTC).getYear() == year) {
                    notices += requested.noticeCount();
                    byService.merge(requested.hostingService().name(), requested.noticeCount(), Integer::sum);
                    sent.put(requested.referralId() + "/" + requested.transferId(), event.getTimestamp());
                }
            }
            for (DomainEventMessage<?> event : generated) {
                if (event.getPayload() instanceof NoticeOutcomeRecordedEvent answer) {
                    Instant sentAt = sent.get(answer.referralId() + "/" + answer.transferId());
                    if (sentAt != null) {
                        answered.add(answer);
                        timesToAction.add(Duration.between(sentAt, answer.actedAt()));
                    }
                }
            }
            timesToAction.sort(null);
        }

        Map<String, Integer> byOutcome() {
            Map<String, Integer> counts = new TreeMap<>();
            for (NoticeOutcome outcome : NoticeOutcome.values()) {
                counts.put(outcome.name(), (int) answered.stream().filter(a -> a.outcome() == outcome).count());
            }
            counts.put("NO_ANSWER", notices - answered.size());
            return counts;
        }

        /** The nearest-rank percentile: the smallest time with at least that share of the times at or below it. */
        Duration nearestRank(int percent) {
            int rank = (int) Math.ceil(percent / 100.0 * timesToAction.size());
            return timesToAction.get(Math.max(1, rank) - 1);
        }
    }
}
