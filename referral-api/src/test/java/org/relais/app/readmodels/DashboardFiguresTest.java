package org.relais.app.readmodels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.relais.core.api.referral.AcknowledgeTransferCommand;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.CloseReferralCommand;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.query.DailyIntakeView;
import org.relais.core.api.query.DashboardView;
import org.relais.core.api.query.DurationStatsView;
import org.relais.core.api.query.FindDashboardQuery;
import org.relais.core.api.referral.GiveConsentCommand;
import org.relais.core.api.query.MonthlyCountView;
import org.relais.core.api.query.PartnerKpiView;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.referral.ReceiveReferralCommand;
import org.relais.core.api.referral.ReopenReferralCommand;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.ShareableField;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TriageReferralCommand;
import org.relais.app.support.Commands;
import org.relais.app.support.HttpCall;
import org.relais.app.support.MutableClock;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The dashboard against figures computed by hand on a fixed set of cases, made with commands through the real
 * wiring on a clock the test moves (the events' timestamps too). The period is Monday 2 to Sunday 15 November 2026
 * in Paris:
 * <pre>
 * case  received        channel   age    transfer                          closures
 * C0    Sun 1 Nov 20:00 CHAT      adult  –                                 RESOLVED 2 Nov, reopened 3 Nov, UNREACHABLE 4 Nov
 * C1    Mon 2 Nov 10:00 PHONE     adult  platform 10:00, ack 10:30         –
 * C2    Mon 2 Nov 11:00 CHAT      15-17  platform 11:00, ack 13:00 (late)  –
 * C3    Tue 3 Nov 10:00 WEB_FORM  15-17  platform 10:00, ack 10:10         –
 * C4    Mon 9 Nov 10:00 PHONE     <11    association Thu 12 Nov 17:00,     –
 *                                        ack Fri 13 Nov 10:00
 * C5    Mon 9 Nov 12:00 PHONE     adult  platform 12:00, ack 12:20         –
 * C6    Tue 10 Nov 10:00 EMAIL    adult  –                                 NO_FURTHER_ACTION 14 Nov, reopened and RESOLVED 16 Nov
 * </pre>
 * Hence: 6 cases, 3 minors; the platform's acknowledgements 10, 20, 30 and 120 minutes (median the 2nd, 20 min;
 * p90 the 4th, 2 h; always open, so the same in open time), one breach (C2, deadline 2 Nov 12:00, whether or not the
 * poller flagged it before the acknowledgement); the association's one acknowledgement 17 h of wall-clock time but
 * 2 h of open time (Thursday 17–18, Friday 9–10); closures by the last closure in the period: UNREACHABLE 1 and
 * NO_FURTHER_ACTION 1 (counting events would give RESOLVED 1 more).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardFiguresTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final MutableClock CLOCK = new MutableClock(at(1, 20, 0), PARIS);
    static final Clock SYSTEM = GenericEventMessage.clock;

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("dashboard-figures").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway gateway;
    @Autowired
    QueryGateway queries;

    Commands commands;

    @BeforeAll
    void theFixedDataSet() {
        GenericEventMessage.clock = CLOCK;
        commands = new Commands(gateway);
        ReadModelsThroughTheRealBusTest.awaitCaughtUp(queries);
        String c0 = intake(at(1, 20, 0), Channel.CHAT, AgeBand.ADULT, Category.HATE_SPEECH);
        close(c0, at(2, 15, 0), ClosureOutcome.RESOLVED);
        reopen(c0, at(3, 9, 0));
        close(c0, at(4, 10, 0), ClosureOutcome.UNREACHABLE);
        String c1 = intake(at(2, 10, 0), Channel.PHONE, AgeBand.ADULT, Category.CYBERHARASSMENT);
        platformTransfer(c1, at(2, 10, 0), Duration.ofMinutes(30));
        String c2 = intake(at(2, 11, 0), Channel.CHAT, AgeBand.AGE_15_17, Category.CYBERHARASSMENT);
        platformTransfer(c2, at(2, 11, 0), Duration.ofHours(2));
        String c3 = intake(at(3, 10, 0), Channel.WEB_FORM, AgeBand.AGE_15_17, Category.CYBERHARASSMENT);
        platformTransfer(c3, at(3, 10, 0), Duration.ofMinutes(10));
        String c4 = intake(at(9, 10, 0), Channel.PHONE, AgeBand.UNDER_11, Category.CHILD_NEGLECT);
        String c5 = intake(at(9, 12, 0), Channel.PHONE, AgeBand.ADULT, Category.CYBERHARASSMENT);
        platformTransfer(c5, at(9, 12, 0), Duration.ofMinutes(20));
        String c6 = intake(at(10, 10, 0), Channel.EMAIL, AgeBand.ADULT, Category.DISCRIMINATION);
        CLOCK.set(at(12, 17, 0));
        commands.send(new org.relais.core.api.referral.RequestTransferCommand(c4, "t-1", "demo-child-abuse-association",
                TransferPurpose.PSYCHOLOGICAL_SUPPORT, org.relais.core.api.referral.LegalBasis.CONSENT,
                Set.of(ShareableField.NARRATIVE), null), Commands.COORDINATOR);
        CLOCK.set(at(13, 10, 0));
        commands.send(new AcknowledgeTransferCommand(c4, "t-1"),
                Commands.liaison("association", "demo-child-abuse-association"));
        close(c6, at(14, 10, 0), ClosureOutcome.NO_FURTHER_ACTION);
        reopen(c6, at(16, 9, 0));
        close(c6, at(16, 10, 0), ClosureOutcome.RESOLVED);
        await().atMost(Duration.ofSeconds(30)).until(() -> period(16, 16).closuresByOutcome()
                .getOrDefault(ClosureOutcome.RESOLVED, 0L) == 1L);
    }

    @AfterAll
    void systemClockAgain() {
        GenericEventMessage.clock = SYSTEM;
    }

    @Test
    void the_period_counts_each_case_once_with_exact_medians_and_p90s() {
        DashboardView view = period(2, 15);
        assertThat(view.from()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(view.to()).isEqualTo(LocalDate.of(2026, 11, 15));
        assertThat(view.cases()).isEqualTo(6);
        assertThat(view.minors()).isEqualTo(3);
        assertThat(view.minorShare()).isEqualTo(0.5);
        assertThat(view.intakePerDay()).extracting(DailyIntakeView::day, DailyIntakeView::total,
                DailyIntakeView::minors).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 11, 2), 2L, 1L),
                org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 11, 3), 1L, 1L),
                org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 11, 9), 2L, 1L),
                org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 11, 10), 1L, 0L));
        assertThat(view.intakePerDay().get(2).byChannel()).isEqualTo(Map.of(Channel.PHONE, 2L));
        assertThat(view.closuresByOutcome()).isEqualTo(Map.of(ClosureOutcome.UNREACHABLE, 1L,
                ClosureOutcome.NO_FURTHER_ACTION, 1L));

        PartnerKpiView platform = partner(view, "demo-platform");
        assertThat(platform.timeToAcknowledge()).isEqualTo(new DurationStatsView(4, 1200.0, 7200.0));
        assertThat(platform.openTimeToAcknowledge()).isEqualTo(new DurationStatsView(4, 1200.0, 7200.0));
        assertThat(platform.slaBreaches()).isEqualTo(1);
        assertThat(platform.breachesPerMonth()).containsExactly(new MonthlyCountView("2026-11", 1));

        PartnerKpiView association = partner(view, "demo-child-abuse-association");
        assertThat(association.timeToAcknowledge()).isEqualTo(new DurationStatsView(1, 61200.0, 61200.0));
        assertThat(association.openTimeToAcknowledge()).isEqualTo(new DurationStatsView(1, 7200.0, 7200.0));
        assertThat(association.slaBreaches()).isZero();
    }

    @Test
    void a_case_closed_again_after_the_period_counts_in_each_period_by_its_last_closure_there() {
        assertThat(period(16, 16).closuresByOutcome()).isEqualTo(Map.of(ClosureOutcome.RESOLVED, 1L));
        assertThat(period(16, 16).cases()).isZero();
        assertThat(period(2, 2).closuresByOutcome()).isEqualTo(Map.of(ClosureOutcome.RESOLVED, 1L));
        assertThat(period(9, 15).partners()).extracting(PartnerKpiView::partnerId)
                .containsExactly("demo-child-abuse-association", "demo-platform");
    }

    @Test
    void the_api_answers_the_same_figures_and_refuses_a_bad_period_naming_the_parameter() {
        JsonNode figures = HttpCall.get(port, "/api/dashboard?from=2026-11-02&to=2026-11-15").as("coordinator")
                .send().json();
        assertThat(figures.get("cases").asLong()).isEqualTo(6);
        assertThat(figures.get("from").asText()).isEqualTo("2026-11-02");
        assertThat(figures.get("closuresByOutcome").get("UNREACHABLE").asLong()).isEqualTo(1);

        JsonNode current = HttpCall.get(port, "/api/dashboard").as("auditor").send().json();
        assertThat(current.get("to").asText()).isEqualTo(LocalDate.now(CLOCK).toString());
        assertThat(current.get("from").asText()).isEqualTo(LocalDate.now(CLOCK).minusDays(29).toString());

        for (Map.Entry<String, String> bad : Map.of("/api/dashboard?from=yesterday", "from",
                "/api/dashboard?from=2026-11-15&to=2026-11-02", "to",
                "/api/dashboard?from=2025-01-01&to=2026-11-02", "to",
                "/api/dashboard?to=2026-13-01", "to").entrySet()) {
            HttpCall.Reply reply = HttpCall.get(port, bad.getKey()).as("coordinator").send();
            assertThat(reply.status()).as(bad.getKey()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("errors").get(0).get("parameter").asText()).as(bad.getKey())
                    .isEqualTo(bad.getValue());
        }
    }

    private DashboardView period(int fromDay, int toDay) {
        return queries.query(new FindDashboardQuery(LocalDate.of(2026, 11, fromDay), LocalDate.of(2026, 11, toDay)),
                DashboardView.class).join();
    }

    private static PartnerKpiView partner(DashboardView view, String partnerId) {
        return view.partners().stream().filter(kpi -> kpi.partnerId().equals(partnerId)).findFirst().orElseThrow();
    }

    private String intake(Instant at, Channel channel, AgeBand ageBand, Category category) {
        CLOCK.set(at);
        String referralId = UUID.randomUUID().toString();
        commands.send(new ReceiveReferralCommand(referralId, channel, ReporterRole.VICTIM, ageBand, Set.of(category),
                new PersonalDetails("Figures Person", null, null, null, "For the dashboard's figures",
                        List.of("https://social.example/p/figures"))), Commands.COORDINATOR);
        commands.send(new TriageReferralCommand(referralId, RiskLevel.MODERATE, null, null), Commands.COORDINATOR);
        commands.send(new GiveConsentCommand(referralId, "the victim"), Commands.COORDINATOR);
        return referralId;
    }

    private void platformTransfer(String referralId, Instant requested, Duration untilAcknowledged) {
        CLOCK.set(requested);
        commands.requestTransfer(referralId, "t-1", "demo-platform", TransferPurpose.CONTENT_REMOVAL,
                Set.of(ShareableField.CONTENT_URLS));
        CLOCK.set(requested.plus(untilAcknowledged));
        commands.send(new AcknowledgeTransferCommand(referralId, "t-1"), Commands.liaison("platform", "demo-platform"));
    }

    private void close(String referralId, Instant at, ClosureOutcome outcome) {
        CLOCK.set(at);
        commands.send(new CloseReferralCommand(referralId, outcome, null), Commands.COORDINATOR);
    }

    private void reopen(String referralId, Instant at) {
        CLOCK.set(at);
        commands.send(new ReopenReferralCommand(referralId, "new facts"), Commands.COORDINATOR);
    }

    /** An instant of November 2026 in Paris. */
    private static Instant at(int day, int hour, int minute) {
        return LocalDateTime.of(2026, 11, day, hour, minute).atZone(PARIS).toInstant();
    }
}
