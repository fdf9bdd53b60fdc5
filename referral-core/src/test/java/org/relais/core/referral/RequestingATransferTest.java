package org.relais.core.referral;

import static org.relais.core.referral.ReferralScenarios.ASSOCIATION;
import static org.relais.core.referral.ReferralScenarios.CHILD_UNIT;
import static org.relais.core.referral.ReferralScenarios.COORDINATOR;
import static org.relais.core.referral.ReferralScenarios.DEADLINE;
import static org.relais.core.referral.ReferralScenarios.EXPIRED;
import static org.relais.core.referral.ReferralScenarios.NOT_YET;
import static org.relais.core.referral.ReferralScenarios.NOW;
import static org.relais.core.referral.ReferralScenarios.PLATFORM;
import static org.relais.core.referral.ReferralScenarios.POLICE;
import static org.relais.core.referral.ReferralScenarios.R;
import static org.relais.core.referral.ReferralScenarios.SEALED;
import static org.relais.core.referral.ReferralScenarios.SLA;
import static org.relais.core.referral.ReferralScenarios.STARTS_TODAY;
import static org.relais.core.referral.ReferralScenarios.SUSPENDED;
import static org.relais.core.referral.ReferralScenarios.T;
import static org.relais.core.referral.ReferralScenarios.UNSIGNED;
import static org.relais.core.referral.ReferralScenarios.accepted;
import static org.relais.core.referral.ReferralScenarios.acknowledged;
import static org.relais.core.referral.ReferralScenarios.consentGiven;
import static org.relais.core.referral.ReferralScenarios.policeTransfer;
import static org.relais.core.referral.ReferralScenarios.received;
import static org.relais.core.referral.ReferralScenarios.requestedToPolice;
import static org.relais.core.referral.ReferralScenarios.triaged;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.CommandResult;
import org.relais.core.api.referral.ConsentWithdrawnEvent;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.referral.ReferralTriagedEvent;
import org.relais.core.api.referral.RequestTransferCommand;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.testing.MutableClock;
import org.relais.core.testing.TestPrivacy;
import org.relais.core.testing.Unsealed;

class RequestingATransferTest {

    private static final Set<ShareableField> IDENTITY = Set.of(ShareableField.VICTIM_NAME, ShareableField.NARRATIVE);

    private final PersonalDataProtector protector = TestPrivacy.protector();
    private final MutableClock clock = new MutableClock(NOW);
    private FixtureConfiguration<Referral> fixture;

    @BeforeEach
    void setUp() {
        fixture = ReferralScenarios.fixture(protector, clock);
    }

    private static RequestTransferCommand consented(String partnerId, TransferPurpose purpose,
                                                    Set<ShareableField> fields) {
        return new RequestTransferCommand(R, T, partnerId, purpose, LegalBasis.CONSENT, fields, null);
    }

    private static RequestTransferCommand mandatoryReport(String partnerId, TransferPurpose purpose) {
        return new RequestTransferCommand(R, T, partnerId, purpose, LegalBasis.MANDATORY_REPORT, IDENTITY, null);
    }

    private void expectRejected(RequestTransferCommand command, ErrorCode code, Object... given) {
        fixture.given(given)
                .when(command, COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(code)
                .expectNoEvents();
    }

    private static Object[] consentedCase() {
        return new Object[] {received(), triaged(RiskLevel.HIGH), consentGiven()};
    }

    // the happy paths

    @Test
    void consented_transfer_to_an_association_carries_the_sealed_message_and_the_partners_deadline() {
        fixture.given(consentedCase())
                .when(new RequestTransferCommand(R, T, ASSOCIATION, TransferPurpose.PSYCHOLOGICAL_SUPPORT,
                        LegalBasis.CONSENT, Set.of(ShareableField.VICTIM_CONTACT), "Mother asks for a call back"),
                        COORDINATOR)
                .expectEventsMatching(Unsealed.events(protector, new TransferRequestedEvent(R, T, ASSOCIATION,
                        PartnerKind.VICTIM_SUPPORT_ASSOCIATION, TransferPurpose.PSYCHOLOGICAL_SUPPORT,
                        LegalBasis.CONSENT, Set.of(ShareableField.VICTIM_CONTACT), "Mother asks for a call back",
                        DEADLINE, SLA)))
                .expectResultMessagePayload(new CommandResult(R, 3));
    }

    @Test
    void platform_receives_the_content_urls_only_for_removal() {
        fixture.given(consentedCase())
                .when(consented(PLATFORM, TransferPurpose.CONTENT_REMOVAL, Set.of(ShareableField.CONTENT_URLS)),
                        COORDINATOR)
                .expectEvents(new TransferRequestedEvent(R, T, PLATFORM, PartnerKind.ONLINE_PLATFORM,
                        TransferPurpose.CONTENT_REMOVAL, LegalBasis.CONSENT, Set.of(ShareableField.CONTENT_URLS),
                        null, DEADLINE, SLA, new HostingService(PLATFORM, PLATFORM), 1));
    }

    @Test
    void transfer_on_an_untriaged_case_is_rejected() {
        expectRejected(consented(POLICE, TransferPurpose.INVESTIGATION, IDENTITY), ErrorCode.REFERRAL_NOT_TRIAGED,
                received(), consentGiven());
    }

    @Test
    void transfer_without_a_purpose_is_rejected_as_invalid_input() {
        expectRejected(consented(POLICE, null, IDENTITY), ErrorCode.INVALID_INPUT, consentedCase());
    }

    @Test
    void transfer_reusing_the_id_of_another_transfer_is_rejected() {
        expectRejected(consented(ASSOCIATION, TransferPurpose.LEGAL_ADVICE, Set.of()),
                ErrorCode.TRANSFER_ALREADY_EXISTS, policeTransfer());
    }

    // the partner gate

    @Test
    void transfer_to_an_unknown_partner_is_rejected() {
        expectRejected(consented("p-nobody", TransferPurpose.INVESTIGATION, IDENTITY), ErrorCode.PARTNER_NOT_FOUND,
                consentedCase());
    }

    @Test
    void transfer_to_a_suspended_partner_is_rejected() {
        expectRejected(consented(SUSPENDED, TransferPurpose.INVESTIGATION, IDENTITY), ErrorCode.PARTNER_NOT_ACTIVE,
                consentedCase());
    }

    @Test
    void transfer_to_a_partner_without_an_agreement_is_rejected() {
        expectRejected(consented(UNSIGNED, TransferPurpose.INVESTIGATION, IDENTITY), ErrorCode.AGREEMENT_MISSING,
                consentedCase());
    }

    @Test
    void transfer_under_an_expired_agreement_is_rejected() {
        expectRejected(consented(EXPIRED, TransferPurpose.INVESTIGATION, IDENTITY),
                ErrorCode.AGREEMENT_NOT_IN_FORCE, consentedCase());
    }

    @Test
    void transfer_before_the_agreement_comes_into_force_is_rejected() {
        expectRejected(consented(NOT_YET, TransferPurpose.INVESTIGATION, IDENTITY),
                ErrorCode.AGREEMENT_NOT_IN_FORCE, consentedCase());
    }

    @Test
    void agreement_in_force_from_today_counts_today_in_the_partners_time_zone() {
        // 00:30 on 2 March in Paris is still 1 March in UTC: the partner's day decides
        clock.set(Instant.parse("2026-03-01T23:30:00Z"));

        fixture.given(consentedCase())
                .when(consented(STARTS_TODAY, TransferPurpose.INVESTIGATION, IDENTITY), COORDINATOR)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TransferRequestedEvent(R, T, STARTS_TODAY, PartnerKind.POLICE,
                        TransferPurpose.INVESTIGATION, LegalBasis.CONSENT, IDENTITY, null,
                        Instant.parse("2026-03-02T03:30:00Z"), SLA));
    }

    @Test
    void transfer_for_categories_the_agreement_does_not_cover_is_rejected() {
        ReferralTriagedEvent hateSpeechOnly =
                new ReferralTriagedEvent(R, RiskLevel.HIGH, Set.of(Category.HATE_SPEECH), AgeBand.ADULT);

        expectRejected(consented(ASSOCIATION, TransferPurpose.PSYCHOLOGICAL_SUPPORT, Set.of()),
                ErrorCode.AGREEMENT_CATEGORY_NOT_COVERED, received(), hateSpeechOnly, consentGiven());
    }

    @Test
    void transfer_for_a_purpose_the_agreement_does_not_cover_is_rejected() {
        expectRejected(consented(ASSOCIATION, TransferPurpose.INVESTIGATION, Set.of()),
                ErrorCode.AGREEMENT_PURPOSE_NOT_COVERED, consentedCase());
    }

    @Test
    void platform_cannot_receive_the_victims_name() {
        expectRejected(consented(PLATFORM, TransferPurpose.CONTENT_REMOVAL,
                        Set.of(ShareableField.CONTENT_URLS, ShareableField.VICTIM_NAME)),
                ErrorCode.AGREEMENT_FIELD_NOT_ALLOWED, consentedCase());
    }

    @Test
    void the_field_the_agreement_does_not_allow_is_named() {
        fixture.given(consentedCase())
                .when(consented(PLATFORM, TransferPurpose.CONTENT_REMOVAL,
                        Set.of(ShareableField.CONTENT_URLS, ShareableField.VICTIM_NAME)), COORDINATOR)
                .expectException(new org.hamcrest.CustomTypeSafeMatcher<RuleViolationException>(
                        "a rejection naming victim.name at /sharedFields") {
                    @Override
                    protected boolean matchesSafely(RuleViolationException rejection) {
                        return rejection.code() == ErrorCode.AGREEMENT_FIELD_NOT_ALLOWED
                                && "/sharedFields".equals(rejection.field())
                                && rejection.arguments().equals(java.util.List.of(ShareableField.VICTIM_NAME))
                                && rejection.getMessage().contains("victim.name");
                    }
                });
    }

    // the legal basis

    @Test
    void transfer_without_consent_to_an_association_is_rejected() {
        expectRejected(consented(ASSOCIATION, TransferPurpose.PSYCHOLOGICAL_SUPPORT, Set.of()),
                ErrorCode.CONSENT_REQUIRED, received(), triaged(RiskLevel.HIGH));
    }

    @Test
    void consented_transfer_after_consent_was_withdrawn_is_rejected() {
        expectRejected(consented(POLICE, TransferPurpose.INVESTIGATION, IDENTITY), ErrorCode.CONSENT_REQUIRED,
                received(), triaged(RiskLevel.HIGH), consentGiven(), new ConsentWithdrawnEvent(R, SEALED));
    }

    @Test
    void mandatory_report_of_a_minor_to_the_police_needs_no_consent() {
        fixture.given(received(), triaged(RiskLevel.MODERATE))
                .when(mandatoryReport(POLICE, TransferPurpose.INVESTIGATION), COORDINATOR)
                .expectEvents(new TransferRequestedEvent(R, T, POLICE, PartnerKind.POLICE,
                        TransferPurpose.INVESTIGATION, LegalBasis.MANDATORY_REPORT, IDENTITY, null, DEADLINE, SLA));
    }

    @Test
    void mandatory_report_of_an_adult_in_immediate_danger_to_the_child_protection_unit_needs_no_consent() {
        fixture.given(received(AgeBand.ADULT), triaged(RiskLevel.IMMEDIATE_DANGER, AgeBand.ADULT))
                .when(mandatoryReport(CHILD_UNIT, TransferPurpose.CHILD_PROTECTION_ASSESSMENT), COORDINATOR)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TransferRequestedEvent(R, T, CHILD_UNIT, PartnerKind.CHILD_PROTECTION_UNIT,
                        TransferPurpose.CHILD_PROTECTION_ASSESSMENT, LegalBasis.MANDATORY_REPORT, IDENTITY, null,
                        DEADLINE, SLA));
    }

    @Test
    void mandatory_report_to_an_association_is_rejected() {
        expectRejected(new RequestTransferCommand(R, T, ASSOCIATION, TransferPurpose.PSYCHOLOGICAL_SUPPORT,
                        LegalBasis.MANDATORY_REPORT, Set.of(), null),
                ErrorCode.MANDATORY_REPORT_PARTNER_KIND, received(), triaged(RiskLevel.IMMEDIATE_DANGER));
    }

    @Test
    void mandatory_report_of_an_adult_not_in_immediate_danger_is_rejected() {
        expectRejected(mandatoryReport(POLICE, TransferPurpose.INVESTIGATION),
                ErrorCode.MANDATORY_REPORT_NOT_JUSTIFIED,
                received(AgeBand.ADULT), triaged(RiskLevel.HIGH, AgeBand.ADULT));
    }

    @Test
    void mandatory_report_of_a_victim_of_unknown_age_not_in_immediate_danger_is_rejected() {
        expectRejected(mandatoryReport(POLICE, TransferPurpose.INVESTIGATION),
                ErrorCode.MANDATORY_REPORT_NOT_JUSTIFIED,
                received(AgeBand.UNKNOWN), triaged(RiskLevel.HIGH, AgeBand.UNKNOWN));
    }

    @Test
    void mandatory_report_is_allowed_when_consent_was_given_too() {
        fixture.given(consentedCase())
                .when(mandatoryReport(POLICE, TransferPurpose.INVESTIGATION), COORDINATOR)
                .expectEvents(new TransferRequestedEvent(R, T, POLICE, PartnerKind.POLICE,
                        TransferPurpose.INVESTIGATION, LegalBasis.MANDATORY_REPORT, IDENTITY, null, DEADLINE, SLA));
    }

    @Test
    void mandatory_report_still_needs_its_justification_when_consent_was_given() {
        expectRejected(mandatoryReport(POLICE, TransferPurpose.INVESTIGATION),
                ErrorCode.MANDATORY_REPORT_NOT_JUSTIFIED,
                received(AgeBand.ADULT), triaged(RiskLevel.HIGH, AgeBand.ADULT), consentGiven());
    }

    // one open transfer per partner and purpose

    static Stream<Arguments> openTransfers() {
        return Stream.of(
                arguments((Object) policeTransfer()),
                arguments((Object) policeTransfer(acknowledged(POLICE))),
                arguments((Object) policeTransfer(acknowledged(POLICE), accepted(POLICE))));
    }

    @ParameterizedTest
    @MethodSource("openTransfers")
    void second_transfer_to_the_same_partner_for_the_same_purpose_is_rejected_while_one_is_open(Object[] given) {
        fixture.given(given)
                .when(new RequestTransferCommand(R, "t-2", POLICE, TransferPurpose.INVESTIGATION,
                        LegalBasis.CONSENT, IDENTITY, null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.TRANSFER_ALREADY_OPEN)
                .expectNoEvents();
    }

    static Stream<Arguments> endedTransfers() {
        return Stream.of(
                arguments((Object) policeTransfer(new TransferDeclinedEvent(R, T, POLICE, SEALED))),
                arguments((Object) policeTransfer(new TransferCancelledEvent(R, T, POLICE, SEALED))),
                arguments((Object) policeTransfer(acknowledged(POLICE), accepted(POLICE),
                        new TransferCompletedEvent(R, T, POLICE, TransferOutcome.NO_FURTHER_ACTION, null, null))));
    }

    @ParameterizedTest
    @MethodSource("endedTransfers")
    void partner_can_be_asked_again_once_the_previous_transfer_ended(Object[] given) {
        fixture.given(given)
                .when(new RequestTransferCommand(R, "t-2", POLICE, TransferPurpose.INVESTIGATION,
                        LegalBasis.CONSENT, IDENTITY, null), COORDINATOR)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TransferRequestedEvent(R, "t-2", POLICE, PartnerKind.POLICE,
                        TransferPurpose.INVESTIGATION, LegalBasis.CONSENT, IDENTITY, null, DEADLINE, SLA));
    }

    @Test
    void same_partner_can_be_asked_for_another_purpose_while_one_is_open() {
        fixture.given(policeTransfer())
                .when(new RequestTransferCommand(R, "t-2", POLICE, TransferPurpose.CHILD_PROTECTION_ASSESSMENT,
                        LegalBasis.CONSENT, IDENTITY, null), COORDINATOR)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TransferRequestedEvent(R, "t-2", POLICE, PartnerKind.POLICE,
                        TransferPurpose.CHILD_PROTECTION_ASSESSMENT, LegalBasis.CONSENT, IDENTITY, null, DEADLINE,
                        SLA));
    }

    @Test
    void the_deadline_follows_the_request_time_on_the_service_clock() {
        clock.set(NOW.plusSeconds(3600));

        fixture.given(consentedCase())
                .when(consented(POLICE, TransferPurpose.INVESTIGATION, IDENTITY), COORDINATOR)
                .expectEvents(new TransferRequestedEvent(R, T, POLICE, PartnerKind.POLICE,
                        TransferPurpose.INVESTIGATION, LegalBasis.CONSENT, IDENTITY, null,
                        DEADLINE.plusSeconds(3600), SLA));
    }

    @Test
    void the_police_transfer_the_other_scenarios_start_from_is_a_valid_request() {
        // guards the scenario cast itself: the police transfer of the other tests is a valid request
        fixture.given(consentedCase())
                .when(consented(POLICE, TransferPurpose.INVESTIGATION, IDENTITY), COORDINATOR)
                .expectEvents(requestedToPolice());
    }
}
