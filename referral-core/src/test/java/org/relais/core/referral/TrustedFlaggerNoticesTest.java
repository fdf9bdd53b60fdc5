package org.relais.core.referral;

import static org.relais.core.referral.ReferralScenarios.COORDINATOR;
import static org.relais.core.referral.ReferralScenarios.DEADLINE;
import static org.relais.core.referral.ReferralScenarios.LIAISON;
import static org.relais.core.referral.ReferralScenarios.NOW;
import static org.relais.core.referral.ReferralScenarios.PLATFORM;
import static org.relais.core.referral.ReferralScenarios.POLICE;
import static org.relais.core.referral.ReferralScenarios.R;
import static org.relais.core.referral.ReferralScenarios.SEALED;
import static org.relais.core.referral.ReferralScenarios.SLA;
import static org.relais.core.referral.ReferralScenarios.T;
import static org.relais.core.referral.ReferralScenarios.consentGiven;
import static org.relais.core.referral.ReferralScenarios.liaisonOf;
import static org.relais.core.referral.ReferralScenarios.policeTransfer;
import static org.relais.core.referral.ReferralScenarios.received;
import static org.relais.core.referral.ReferralScenarios.requestedToPlatform;
import static org.relais.core.referral.ReferralScenarios.triaged;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.Category;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.referral.NoticeOutcome;
import org.relais.core.api.referral.NoticeOutcomeRecordedEvent;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.partner.PartnerStatus;
import org.relais.core.api.referral.RecordNoticeOutcomeCommand;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.RequestTransferCommand;
import org.relais.core.api.referral.RerouteTransferCommand;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.referral.SealedPersonalDetails;
import org.relais.core.api.partner.ServiceHours;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferAcceptedEvent;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.api.referral.TransferReroutedEvent;
import org.relais.core.partner.PartnerTerms;
import org.relais.core.testing.MutableClock;
import org.relais.core.testing.TestPrivacy;

/**
 * A helpline acting as a trusted flagger relays content-removal notices to the services hosting the content: each
 * removal names its hosting service, each content URL is a notice, and the hosting service's answer to each notice
 * is recorded on its own, by index, with its time of action and statement-of-reasons reference.
 */
class TrustedFlaggerNoticesTest {

    private static final String HELPLINE = "p-helpline";
    private static final String NAMED_PLATFORM = "p-named-platform";
    private static final HostingService SOCIAL = new HostingService("Social Example", null);
    private static final Set<ShareableField> URLS = EnumSet.of(ShareableField.CONTENT_URLS);

    private final MutableClock clock = new MutableClock(NOW);
    private FixtureConfiguration<Referral> fixture;

    @BeforeEach
    void setUp() {
        AgreementTerms removals = new AgreementTerms(LocalDate.of(2024, 12, 1), LocalDate.of(2025, 1, 1), null,
                EnumSet.allOf(Category.class), EnumSet.of(TransferPurpose.CONTENT_REMOVAL), URLS, SLA,
                ServiceHours.alwaysOpen("Europe/Paris"));
        fixture = ReferralScenarios.fixture(TestPrivacy.protector(), clock, ReferralScenarios.partners()
                .with(new PartnerTerms(HELPLINE, PartnerKind.HELPLINE, PartnerStatus.ACTIVE, removals,
                        Set.of(LIAISON)))
                .with(new PartnerTerms(NAMED_PLATFORM, PartnerKind.ONLINE_PLATFORM, PartnerStatus.ACTIVE, removals,
                        Set.of(LIAISON), "Video Example")));
    }

    /** The case of the scenarios, with three content URLs. */
    private static ReferralReceivedEvent receivedWithThreeUrls() {
        ReferralReceivedEvent one = received();
        return new ReferralReceivedEvent(R, one.reference(), one.channel(), one.reporterRole(), one.ageBand(),
                one.categories(), new SealedPersonalDetails(R, SEALED, SEALED, SEALED, SEALED, SEALED,
                        List.of(SEALED, SEALED, SEALED)));
    }

    private static RequestTransferCommand removalTo(String partnerId, HostingService hostingService) {
        return new RequestTransferCommand(R, T, partnerId, TransferPurpose.CONTENT_REMOVAL, LegalBasis.CONSENT, URLS,
                null, hostingService);
    }

    private static TransferRequestedEvent relayed(int notices) {
        return new TransferRequestedEvent(R, T, HELPLINE, PartnerKind.HELPLINE, TransferPurpose.CONTENT_REMOVAL,
                LegalBasis.CONSENT, URLS, null, DEADLINE, SLA, SOCIAL, notices);
    }

    private static Object[] acceptedByTheHelpline() {
        return new Object[] {receivedWithThreeUrls(), triaged(RiskLevel.HIGH), consentGiven(), relayed(3),
                new TransferAcknowledgedEvent(R, T, HELPLINE, false), new TransferAcceptedEvent(R, T, HELPLINE)};
    }

    private static Object[] with(Object[] given, Object... later) {
        Object[] all = java.util.Arrays.copyOf(given, given.length + later.length);
        System.arraycopy(later, 0, all, given.length, later.length);
        return all;
    }

    private static RecordNoticeOutcomeCommand outcome(int index, NoticeOutcome outcome, Instant at, String reasons) {
        return new RecordNoticeOutcomeCommand(R, T, index, outcome, at, reasons);
    }

    private void expectRejected(Object[] given, Object command, java.util.Map<String, ?> actor, ErrorCode code) {
        fixture.givenCurrentTime(NOW).andGiven(given)
                .when(command, actor)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(code)
                .expectNoEvents();
    }

    @Test
    void a_removal_relayed_through_a_helpline_names_the_hosting_service_and_sends_one_notice_per_url() {
        fixture.givenCurrentTime(NOW).andGiven(receivedWithThreeUrls(), triaged(RiskLevel.HIGH), consentGiven())
                .when(removalTo(HELPLINE, new HostingService("  Social Example ", " ")), COORDINATOR)
                .expectEvents(relayed(3));
    }

    @Test
    void a_removal_relayed_without_a_hosting_service_is_rejected() {
        expectRejected(new Object[] {received(), triaged(RiskLevel.HIGH), consentGiven()}, removalTo(HELPLINE, null),
                COORDINATOR, ErrorCode.HOSTING_SERVICE_REQUIRED);
        expectRejected(new Object[] {received(), triaged(RiskLevel.HIGH), consentGiven()},
                removalTo(HELPLINE, new HostingService(" ", "p-x")), COORDINATOR, ErrorCode.HOSTING_SERVICE_REQUIRED);
    }

    @Test
    void a_removal_sent_to_a_platform_partner_is_addressed_to_it_by_default() {
        fixture.givenCurrentTime(NOW).andGiven(receivedWithThreeUrls(), triaged(RiskLevel.HIGH), consentGiven())
                .when(removalTo(NAMED_PLATFORM, null), COORDINATOR)
                .expectEvents(new TransferRequestedEvent(R, T, NAMED_PLATFORM, PartnerKind.ONLINE_PLATFORM,
                        TransferPurpose.CONTENT_REMOVAL, LegalBasis.CONSENT, URLS, null, DEADLINE, SLA,
                        new HostingService("Video Example", NAMED_PLATFORM), 3));
    }

    @Test
    void only_a_content_removal_names_a_hosting_service() {
        expectRejected(new Object[] {received(), triaged(RiskLevel.HIGH), consentGiven()},
                new RequestTransferCommand(R, T, POLICE, TransferPurpose.INVESTIGATION, LegalBasis.CONSENT,
                        EnumSet.of(ShareableField.NARRATIVE), null, SOCIAL),
                COORDINATOR, ErrorCode.HOSTING_SERVICE_NOT_FOR_PURPOSE);
    }

    @Test
    void a_rerouted_removal_keeps_the_hosting_service_of_the_declined_one() {
        fixture.givenCurrentTime(NOW).andGiven(receivedWithThreeUrls(), triaged(RiskLevel.HIGH), consentGiven(), relayed(3),
                        new TransferDeclinedEvent(R, T, HELPLINE, SEALED))
                .when(new RerouteTransferCommand(R, T, "t-2", NAMED_PLATFORM, null, null, null, null), COORDINATOR)
                .expectEvents(new TransferReroutedEvent(R, T, "t-2"),
                        new TransferRequestedEvent(R, "t-2", NAMED_PLATFORM, PartnerKind.ONLINE_PLATFORM,
                                TransferPurpose.CONTENT_REMOVAL, LegalBasis.CONSENT, URLS, null, DEADLINE, SLA,
                                SOCIAL, 3));
    }

    @Test
    void the_partner_records_what_the_hosting_service_did_with_each_notice() {
        Instant actedAt = NOW.plus(Duration.ofMinutes(30));
        clock.set(NOW.plus(Duration.ofHours(1)));
        fixture.givenCurrentTime(NOW).andGiven(acceptedByTheHelpline())
                .when(outcome(2, NoticeOutcome.REMOVED, actedAt, " SoR-1 "), liaisonOf(HELPLINE))
                .expectEvents(new NoticeOutcomeRecordedEvent(R, T, HELPLINE, 2, NoticeOutcome.REMOVED, actedAt,
                        "SoR-1"));
    }

    @Test
    void a_notice_without_a_time_of_action_was_acted_on_now_and_without_reasons_gives_none() {
        clock.set(NOW.plus(Duration.ofHours(2)));
        fixture.givenCurrentTime(NOW).andGiven(acceptedByTheHelpline())
                .when(outcome(0, NoticeOutcome.REFUSED, null, " "), liaisonOf(HELPLINE))
                .expectEvents(new NoticeOutcomeRecordedEvent(R, T, HELPLINE, 0, NoticeOutcome.REFUSED,
                        NOW.plus(Duration.ofHours(2)), null));
    }

    @Test
    void a_notice_is_answered_after_the_transfer_completed_and_the_case_closed() {
        Instant actedAt = NOW.plus(Duration.ofMinutes(5));
        clock.set(NOW.plus(Duration.ofHours(1)));
        fixture.givenCurrentTime(NOW).andGiven(with(acceptedByTheHelpline(),
                        new TransferCompletedEvent(R, T, HELPLINE, TransferOutcome.CONTENT_REMOVED, null, null),
                        new ReferralClosedEvent(R, ClosureOutcome.REFERRED, null)))
                .when(outcome(1, NoticeOutcome.NO_ACTION, actedAt, null), liaisonOf(HELPLINE))
                .expectEvents(new NoticeOutcomeRecordedEvent(R, T, HELPLINE, 1, NoticeOutcome.NO_ACTION, actedAt,
                        null));
    }

    @Test
    void a_notice_is_answered_once() {
        expectRejected(with(acceptedByTheHelpline(), new NoticeOutcomeRecordedEvent(R, T, HELPLINE, 1,
                        NoticeOutcome.REMOVED, NOW, null)), outcome(1, NoticeOutcome.REFUSED, NOW, "SoR-2"),
                liaisonOf(HELPLINE), ErrorCode.NOTICE_OUTCOME_ALREADY_RECORDED);
    }

    @Test
    void a_notice_beyond_the_urls_sent_does_not_exist() {
        expectRejected(acceptedByTheHelpline(), outcome(3, NoticeOutcome.REMOVED, NOW, null), liaisonOf(HELPLINE),
                ErrorCode.NOTICE_NOT_FOUND);
        expectRejected(acceptedByTheHelpline(), outcome(-1, NoticeOutcome.REMOVED, NOW, null), liaisonOf(HELPLINE),
                ErrorCode.NOTICE_NOT_FOUND);
    }

    @Test
    void a_removal_stored_before_notices_were_counted_is_one_notice() {
        expectRejected(new Object[] {received(), triaged(RiskLevel.HIGH), consentGiven(), requestedToPlatform(),
                        new TransferAcknowledgedEvent(R, T, PLATFORM, false), new TransferAcceptedEvent(R, T, PLATFORM)},
                outcome(1, NoticeOutcome.REMOVED, NOW, null), liaisonOf(PLATFORM), ErrorCode.NOTICE_NOT_FOUND);
    }

    @Test
    void a_notice_is_not_answered_before_the_partner_took_the_transfer_on() {
        expectRejected(new Object[] {receivedWithThreeUrls(), triaged(RiskLevel.HIGH), consentGiven(), relayed(3)},
                outcome(0, NoticeOutcome.REMOVED, NOW, null), liaisonOf(HELPLINE), ErrorCode.TRANSFER_STATE_INVALID);
    }

    @Test
    void a_time_of_action_in_the_future_is_invalid_and_one_before_the_notice_breaks_a_rule() {
        expectRejected(acceptedByTheHelpline(), outcome(0, NoticeOutcome.REMOVED, NOW.plusSeconds(1), null),
                liaisonOf(HELPLINE), ErrorCode.INVALID_INPUT);
        clock.set(NOW.plus(Duration.ofDays(1)));
        expectRejected(acceptedByTheHelpline(), outcome(0, NoticeOutcome.REMOVED, NOW.minusSeconds(1), null),
                liaisonOf(HELPLINE), ErrorCode.NOTICE_ACTED_BEFORE_SENT);
    }

    @Test
    void a_statement_of_reasons_is_a_one_line_reference() {
        expectRejected(acceptedByTheHelpline(), outcome(0, NoticeOutcome.REFUSED, NOW, "line one\nline two"),
                liaisonOf(HELPLINE), ErrorCode.INVALID_INPUT);
        expectRejected(acceptedByTheHelpline(), outcome(0, NoticeOutcome.REFUSED, NOW, "x".repeat(201)),
                liaisonOf(HELPLINE), ErrorCode.INVALID_INPUT);
    }

    @Test
    void only_a_liaison_of_the_addressed_partner_answers_a_notice() {
        expectRejected(acceptedByTheHelpline(), outcome(0, NoticeOutcome.REMOVED, NOW, null), liaisonOf(PLATFORM),
                ErrorCode.NOT_LIAISON_OF_PARTNER);
    }

    @Test
    void a_transfer_for_another_purpose_has_no_notices() {
        expectRejected(policeTransfer(new TransferAcknowledgedEvent(R, T, POLICE, false),
                        new TransferAcceptedEvent(R, T, POLICE)), outcome(0, NoticeOutcome.REMOVED, NOW, null),
                liaisonOf(POLICE), ErrorCode.OUTCOME_NOT_ALLOWED_FOR_PURPOSE);
    }

    @Test
    void an_incomplete_answer_is_rejected_as_invalid_input() {
        expectRejected(acceptedByTheHelpline(), new RecordNoticeOutcomeCommand(R, T, 0, null, NOW, null),
                liaisonOf(HELPLINE), ErrorCode.INVALID_INPUT);
    }
}
