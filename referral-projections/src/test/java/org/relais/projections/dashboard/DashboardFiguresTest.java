package org.relais.projections.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.partner.AgreementSignedEvent;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.ConsentGivenEvent;
import org.relais.core.api.query.DailyIntakeView;
import org.relais.core.api.query.DashboardView;
import org.relais.core.api.query.DurationStatsView;
import org.relais.core.api.query.FindDashboardQuery;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.query.MonthlyCountView;
import org.relais.core.api.partner.OpeningPeriod;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.query.PartnerKpiView;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.core.api.referral.ReferralTriagedEvent;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.referral.SealedPersonalDetails;
import org.relais.core.api.partner.ServiceHours;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.projections.testing.History;
import org.relais.projections.testing.ReadSide;

/**
 * The dashboard against figures computed by hand on a fixed set of cases, fed as events over the embedded read side
 * (each event at the time the table says). The period is Monday 2 to Sunday 15 November 2026 in Paris:
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
 * The partners' agreements are the demo's: the platform always open with one hour to acknowledge, the association
 * open on weekdays from 9 to 18. Hence: 6 cases, 3 minors; the platform's acknowledgements 10, 20, 30 and 120
 * minutes (median the 2nd, 20 min; p90 the 4th, 2 h; always open, so the same in open time), one breach (C2,
 * deadline 2 Nov 12:00); the association's one acknowledgement 17 h of wall-clock time but 2 h of open time
 * (Thursday 17–18, Friday 9–10); closures by the last closure in the period: UNREACHABLE 1 and NO_FURTHER_ACTION 1
 * (counting events would give RESOLVED 1 more). The same figures through the HTTP API are the application's test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardFiguresTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String PLATFORM = "demo-platform";
    static final String ASSOCIATION = "demo-child-abuse-association";

    private final ReadSide readSide = ReadSide.embedded();
    private final DashboardProjection dashboard = readSide.started(new DashboardProjection(readSide.context(),
            SimpleQueryUpdateEmitter.builder().build(), Clock.fixed(at(16, 12, 0), PARIS)));
    private final History history = new History(readSide.generations(), at(1, 0, 0)).feeding(dashboard);
    private final List<String> intakes = new ArrayList<>();

    @BeforeAll
    void theFixedDataSet() {
        LocalDate signed = LocalDate.of(2026, 1, 1);
        history.partner(PLATFORM, new AgreementSignedEvent(PLATFORM, new AgreementTerms(signed, signed, null,
                EnumSet.of(Category.CYBERHARASSMENT), EnumSet.of(TransferPurpose.CONTENT_REMOVAL),
                EnumSet.of(ShareableField.CONTENT_URLS), Duration.ofHours(1), ServiceHours.alwaysOpen("Europe/Paris"))));
        List<OpeningPeriod> weekdays = new ArrayList<>();
        for (DayOfWeek day : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
            weekdays.add(new OpeningPeriod(day, LocalTime.of(9, 0), LocalTime.of(18, 0)));
        }
        history.partner(ASSOCIATION, new AgreementSignedEvent(ASSOCIATION, new AgreementTerms(signed, signed, null,
                EnumSet.of(Category.CHILD_NEGLECT), EnumSet.of(TransferPurpose.PSYCHOLOGICAL_SUPPORT),
                EnumSet.allOf(ShareableField.class), Duration.ofDays(1),
                new ServiceHours("Europe/Paris", false, weekdays))));
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
        history.at(at(12, 17, 0)).referral(c4, new TransferRequestedEvent(c4, "t-1", ASSOCIATION,
                PartnerKind.CHILD_PROTECTION_ASSOCIATION, TransferPurpose.PSYCHOLOGICAL_SUPPORT, LegalBasis.CONSENT,
                Set.of(ShareableField.NARRATIVE), null, at(16, 17, 0), Duration.ofDays(1), null, null),
                History.COORDINATOR);
        history.at(at(13, 10, 0)).referral(c4, new TransferAcknowledgedEvent(c4, "t-1", ASSOCIATION, false),
                History.liaison("association", ASSOCIATION));
        close(c6, at(14, 10, 0), ClosureOutcome.NO_FURTHER_ACTION);
        reopen(c6, at(16, 9, 0));
        close(c6, at(16, 10, 0), ClosureOutcome.RESOLVED);
        history.project();
    }

    @AfterAll
    void close() {
        readSide.close();
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

        PartnerKpiView platform = partner(view, PLATFORM);
        assertThat(platform.timeToAcknowledge()).isEqualTo(new DurationStatsView(4, 1200.0, 7200.0));
        assertThat(platform.openTimeToAcknowledge()).isEqualTo(new DurationStatsView(4, 1200.0, 7200.0));
        assertThat(platform.slaBreaches()).isEqualTo(1);
        assertThat(platform.breachesPerMonth()).containsExactly(new MonthlyCountView("2026-11", 1));

        PartnerKpiView association = partner(view, ASSOCIATION);
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
                .containsExactly(ASSOCIATION, PLATFORM);
    }

    @Test
    void every_event_applied_again_changes_no_figure() {
        DashboardView once = period(1, 16);
        dashboard.apply(history.all(), readSide.generations().active(dashboard.name()));
        assertThat(period(1, 16)).isEqualTo(once);
    }

    private DashboardView period(int fromDay, int toDay) {
        return dashboard.handle(new FindDashboardQuery(LocalDate.of(2026, 11, fromDay),
                LocalDate.of(2026, 11, toDay)));
    }

    private static PartnerKpiView partner(DashboardView view, String partnerId) {
        return view.partners().stream().filter(kpi -> kpi.partnerId().equals(partnerId)).findFirst().orElseThrow();
    }

    private String intake(Instant at, Channel channel, AgeBand ageBand, Category category) {
        String referralId = UUID.randomUUID().toString();
        intakes.add(referralId);
        history.at(at).referral(referralId, new ReferralReceivedEvent(referralId, "R-2026-" + intakes.size(), channel,
                ReporterRole.VICTIM, ageBand, Set.of(category), new SealedPersonalDetails(referralId, "v1:name",
                null, null, null, "v1:narrative", List.of("v1:url"))), History.COORDINATOR);
        history.referral(referralId, new ReferralTriagedEvent(referralId, RiskLevel.MODERATE, Set.of(category),
                ageBand), History.COORDINATOR);
        history.referral(referralId, new ConsentGivenEvent(referralId, "v1:the-victim"), History.COORDINATOR);
        return referralId;
    }

    private void platformTransfer(String referralId, Instant requested, Duration untilAcknowledged) {
        history.at(requested).referral(referralId, new TransferRequestedEvent(referralId, "t-1", PLATFORM,
                PartnerKind.ONLINE_PLATFORM, TransferPurpose.CONTENT_REMOVAL, LegalBasis.CONSENT,
                Set.of(ShareableField.CONTENT_URLS), null, requested.plus(Duration.ofHours(1)), Duration.ofHours(1),
                null, 1), History.COORDINATOR);
        history.at(requested.plus(untilAcknowledged)).referral(referralId,
                new TransferAcknowledgedEvent(referralId, "t-1", PLATFORM, false),
                History.liaison("platform", PLATFORM));
    }

    private void close(String referralId, Instant at, ClosureOutcome outcome) {
        history.at(at).referral(referralId, new ReferralClosedEvent(referralId, outcome, null), History.COORDINATOR);
    }

    private void reopen(String referralId, Instant at) {
        history.at(at).referral(referralId, new ReferralReopenedEvent(referralId, "v2:new-facts"),
                History.COORDINATOR);
    }

    /** An instant of November 2026 in Paris. */
    private static Instant at(int day, int hour, int minute) {
        return LocalDateTime.of(2026, 11, day, hour, minute).atZone(PARIS).toInstant();
    }
}
