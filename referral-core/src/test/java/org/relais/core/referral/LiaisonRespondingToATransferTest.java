package org.relais.core.referral;

import static org.relais.core.referral.ReferralScenarios.ASSOCIATION;
import static org.relais.core.referral.ReferralScenarios.COORDINATOR;
import static org.relais.core.referral.ReferralScenarios.NOW;
import static org.relais.core.referral.ReferralScenarios.PLATFORM;
import static org.relais.core.referral.ReferralScenarios.POLICE;
import static org.relais.core.referral.ReferralScenarios.R;
import static org.relais.core.referral.ReferralScenarios.SEALED;
import static org.relais.core.referral.ReferralScenarios.T;
import static org.relais.core.referral.ReferralScenarios.accepted;
import static org.relais.core.referral.ReferralScenarios.acknowledged;
import static org.relais.core.referral.ReferralScenarios.consentGiven;
import static org.relais.core.referral.ReferralScenarios.liaisonOf;
import static org.relais.core.referral.ReferralScenarios.policeTransfer;
import static org.relais.core.referral.ReferralScenarios.received;
import static org.relais.core.referral.ReferralScenarios.requestedToPlatform;
import static org.relais.core.referral.ReferralScenarios.triaged;

import java.util.Map;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AcceptTransferCommand;
import org.relais.core.api.referral.AcknowledgeTransferCommand;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.CommandResult;
import org.relais.core.api.referral.CompleteTransferCommand;
import org.relais.core.api.referral.DeclineTransferCommand;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.referral.TransferAcceptedEvent;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.referral.TransferState;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.testing.MutableClock;
import org.relais.core.testing.TestPrivacy;
import org.relais.core.testing.Unsealed;

class LiaisonRespondingToATransferTest {

    private static final Map<String, ?> POLICE_LIAISON = liaisonOf(POLICE);
    private static final Map<String, ?> PLATFORM_LIAISON = liaisonOf(PLATFORM);

    private final PersonalDataProtector protector = TestPrivacy.protector();
    private FixtureConfiguration<Referral> fixture;

    @BeforeEach
    void setUp() {
        fixture = ReferralScenarios.fixture(protector, new MutableClock(NOW));
    }

    private void expectRejected(Object[] given, Object command, Map<String, ?> actor, ErrorCode code) {
        fixture.given(given)
                .when(command, actor)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(code)
                .expectNoEvents();
    }

    private static Object[] platformTransfer(Object... later) {
        Object[] start = {received(), triaged(RiskLevel.HIGH), consentGiven(), requestedToPlatform()};
        Object[] all = java.util.Arrays.copyOf(start, start.length + later.length);
        System.arraycopy(later, 0, all, start.length, later.length);
        return all;
    }

    // who may answer

    @Test
    void liaison_of_the_addressed_partner_acknowledges() {
        fixture.given(policeTransfer())
                .when(new AcknowledgeTransferCommand(R, T), POLICE_LIAISON)
                .expectEvents(new TransferAcknowledgedEvent(R, T, POLICE, false))
                .expectResultMessagePayload(new CommandResult(R, 4));
    }

    @Test
    void liaison_of_another_partner_cannot_acknowledge() {
        expectRejected(policeTransfer(), new AcknowledgeTransferCommand(R, T), liaisonOf(ASSOCIATION),
                ErrorCode.NOT_LIAISON_OF_PARTNER);
    }

    @Test
    void coordinator_cannot_acknowledge_on_behalf_of_the_partner() {
        expectRejected(policeTransfer(), new AcknowledgeTransferCommand(R, T),
                Map.of(ActorMetadata.ROLE, "COORDINATOR", ActorMetadata.PARTNER, POLICE),
                ErrorCode.NOT_LIAISON_OF_PARTNER);
    }

    @Test
    void command_without_an_actor_cannot_acknowledge() {
        expectRejected(policeTransfer(), new AcknowledgeTransferCommand(R, T), Map.of(),
                ErrorCode.NOT_LIAISON_OF_PARTNER);
    }

    @Test
    void liaison_of_another_partner_cannot_accept() {
        expectRejected(policeTransfer(acknowledged(POLICE)), new AcceptTransferCommand(R, T), PLATFORM_LIAISON,
                ErrorCode.NOT_LIAISON_OF_PARTNER);
    }

    @Test
    void liaison_of_another_partner_cannot_decline() {
        expectRejected(policeTransfer(), new DeclineTransferCommand(R, T, "not ours"), PLATFORM_LIAISON,
                ErrorCode.NOT_LIAISON_OF_PARTNER);
    }

    @Test
    void liaison_of_another_partner_cannot_complete() {
        expectRejected(policeTransfer(acknowledged(POLICE), accepted(POLICE)),
                new CompleteTransferCommand(R, T, TransferOutcome.NO_FURTHER_ACTION, null, null), PLATFORM_LIAISON,
                ErrorCode.NOT_LIAISON_OF_PARTNER);
    }

    @Test
    void answering_an_unknown_transfer_is_rejected() {
        expectRejected(policeTransfer(), new AcknowledgeTransferCommand(R, "t-unknown"), POLICE_LIAISON,
                ErrorCode.TRANSFER_NOT_FOUND);
    }

    // acknowledging

    @Test
    void acknowledging_twice_is_rejected() {
        expectRejected(policeTransfer(acknowledged(POLICE)), new AcknowledgeTransferCommand(R, T), POLICE_LIAISON,
                ErrorCode.TRANSFER_ALREADY_ACKNOWLEDGED);
    }

    @Test
    void acknowledging_an_accepted_transfer_is_rejected_as_already_acknowledged() {
        expectRejected(policeTransfer(acknowledged(POLICE), accepted(POLICE)), new AcknowledgeTransferCommand(R, T),
                POLICE_LIAISON, ErrorCode.TRANSFER_ALREADY_ACKNOWLEDGED);
    }

    @Test
    void acknowledging_a_cancelled_transfer_is_rejected() {
        expectRejected(policeTransfer(new TransferCancelledEvent(R, T, POLICE, SEALED)),
                new AcknowledgeTransferCommand(R, T), POLICE_LIAISON, ErrorCode.TRANSFER_STATE_INVALID);
    }

    // accepting

    @Test
    void liaison_accepts_an_acknowledged_transfer() {
        fixture.given(policeTransfer(acknowledged(POLICE)))
                .when(new AcceptTransferCommand(R, T), POLICE_LIAISON)
                .expectEvents(new TransferAcceptedEvent(R, T, POLICE));
    }

    @Test
    void accepting_before_acknowledging_is_rejected() {
        expectRejected(policeTransfer(), new AcceptTransferCommand(R, T), POLICE_LIAISON,
                ErrorCode.TRANSFER_STATE_INVALID);
    }

    @Test
    void a_refused_transition_names_the_state_and_reads_as_english() {
        fixture.given(policeTransfer(acknowledged(POLICE)))
                .when(new CompleteTransferCommand(R, T, TransferOutcome.INVESTIGATION_OPENED, null, null),
                        POLICE_LIAISON)
                .expectException(new org.hamcrest.CustomTypeSafeMatcher<RuleViolationException>(
                        "a rejection of the completion of an acknowledged transfer") {
                    @Override
                    protected boolean matchesSafely(RuleViolationException rejection) {
                        return "complete".equals(rejection.reason())
                                && rejection.arguments().equals(java.util.List.of(TransferState.ACKNOWLEDGED))
                                && rejection.getMessage().equals(
                                        "A transfer that is acknowledged cannot be completed.");
                    }
                });
    }

    @Test
    void accepting_a_cancelled_transfer_is_rejected() {
        expectRejected(policeTransfer(acknowledged(POLICE), new TransferCancelledEvent(R, T, POLICE, SEALED)),
                new AcceptTransferCommand(R, T), POLICE_LIAISON, ErrorCode.TRANSFER_STATE_INVALID);
    }

    @Test
    void accepting_twice_is_rejected() {
        expectRejected(policeTransfer(acknowledged(POLICE), accepted(POLICE)), new AcceptTransferCommand(R, T),
                POLICE_LIAISON, ErrorCode.TRANSFER_STATE_INVALID);
    }

    // declining

    @Test
    void liaison_declines_a_requested_transfer_with_a_sealed_reason() {
        fixture.given(policeTransfer())
                .when(new DeclineTransferCommand(R, T, "Outside our district"), POLICE_LIAISON)
                .expectEventsMatching(Unsealed.events(protector,
                        new TransferDeclinedEvent(R, T, POLICE, "Outside our district")));
    }

    @Test
    void liaison_declines_an_acknowledged_transfer() {
        fixture.given(policeTransfer(acknowledged(POLICE)))
                .when(new DeclineTransferCommand(R, T, "No capacity"), POLICE_LIAISON)
                .expectEventsMatching(Unsealed.events(protector,
                        new TransferDeclinedEvent(R, T, POLICE, "No capacity")));
    }

    @Test
    void decline_without_a_reason_is_rejected() {
        expectRejected(policeTransfer(), new DeclineTransferCommand(R, T, "  "), POLICE_LIAISON,
                ErrorCode.REASON_REQUIRED);
    }

    @Test
    void declining_an_accepted_transfer_is_rejected() {
        expectRejected(policeTransfer(acknowledged(POLICE), accepted(POLICE)),
                new DeclineTransferCommand(R, T, "changed our mind"), POLICE_LIAISON,
                ErrorCode.TRANSFER_STATE_INVALID);
    }

    @Test
    void declining_twice_is_rejected() {
        expectRejected(policeTransfer(new TransferDeclinedEvent(R, T, POLICE, SEALED)),
                new DeclineTransferCommand(R, T, "again"), POLICE_LIAISON, ErrorCode.TRANSFER_STATE_INVALID);
    }

    // completing

    @Test
    void police_report_an_investigation_opened_with_a_sealed_note() {
        fixture.given(policeTransfer(acknowledged(POLICE), accepted(POLICE)))
                .when(new CompleteTransferCommand(R, T, TransferOutcome.INVESTIGATION_OPENED, null,
                        "Case number 2026/123"), POLICE_LIAISON)
                .expectEventsMatching(Unsealed.events(protector, new TransferCompletedEvent(R, T, POLICE,
                        TransferOutcome.INVESTIGATION_OPENED, null, "Case number 2026/123")));
    }

    @Test
    void platform_reports_the_content_removed() {
        fixture.given(platformTransfer(acknowledged(PLATFORM), accepted(PLATFORM)))
                .when(new CompleteTransferCommand(R, T, TransferOutcome.CONTENT_REMOVED, null, null), PLATFORM_LIAISON)
                .expectEvents(new TransferCompletedEvent(R, T, PLATFORM, TransferOutcome.CONTENT_REMOVED, null, null));
    }

    @Test
    void platform_refusal_carries_its_sealed_statement_of_reasons() {
        fixture.given(platformTransfer(acknowledged(PLATFORM), accepted(PLATFORM)))
                .when(new CompleteTransferCommand(R, T, TransferOutcome.REFUSED, "Satire, within our terms", null),
                        PLATFORM_LIAISON)
                .expectEventsMatching(Unsealed.events(protector, new TransferCompletedEvent(R, T, PLATFORM,
                        TransferOutcome.REFUSED, "Satire, within our terms", null)));
    }

    @Test
    void platform_refusal_without_a_statement_of_reasons_is_rejected() {
        expectRejected(platformTransfer(acknowledged(PLATFORM), accepted(PLATFORM)),
                new CompleteTransferCommand(R, T, TransferOutcome.REFUSED, " ", null), PLATFORM_LIAISON,
                ErrorCode.STATEMENT_OF_REASONS_REQUIRED);
    }

    @Test
    void content_removal_outcome_for_an_investigation_is_rejected() {
        expectRejected(policeTransfer(acknowledged(POLICE), accepted(POLICE)),
                new CompleteTransferCommand(R, T, TransferOutcome.CONTENT_REMOVED, null, null), POLICE_LIAISON,
                ErrorCode.OUTCOME_NOT_ALLOWED_FOR_PURPOSE);
    }

    @Test
    void support_outcome_for_a_content_removal_is_rejected() {
        expectRejected(platformTransfer(acknowledged(PLATFORM), accepted(PLATFORM)),
                new CompleteTransferCommand(R, T, TransferOutcome.SUPPORT_PROVIDED, null, null), PLATFORM_LIAISON,
                ErrorCode.OUTCOME_NOT_ALLOWED_FOR_PURPOSE);
    }

    @Test
    void completion_without_an_outcome_is_rejected() {
        expectRejected(policeTransfer(acknowledged(POLICE), accepted(POLICE)),
                new CompleteTransferCommand(R, T, null, null, null), POLICE_LIAISON, ErrorCode.INVALID_INPUT);
    }

    @Test
    void completing_a_transfer_that_was_not_accepted_is_rejected() {
        expectRejected(policeTransfer(acknowledged(POLICE)),
                new CompleteTransferCommand(R, T, TransferOutcome.NO_FURTHER_ACTION, null, null), POLICE_LIAISON,
                ErrorCode.TRANSFER_STATE_INVALID);
    }

    @Test
    void completing_twice_is_rejected() {
        expectRejected(policeTransfer(acknowledged(POLICE), accepted(POLICE),
                        new TransferCompletedEvent(R, T, POLICE, TransferOutcome.NO_FURTHER_ACTION, null, null)),
                new CompleteTransferCommand(R, T, TransferOutcome.NO_FURTHER_ACTION, null, null), POLICE_LIAISON,
                ErrorCode.TRANSFER_STATE_INVALID);
    }

    @Test
    void the_whole_way_from_request_to_completion_counts_versions() {
        fixture.given(policeTransfer(acknowledged(POLICE), accepted(POLICE)))
                .when(new CompleteTransferCommand(R, T, TransferOutcome.NO_FURTHER_ACTION, null, null), POLICE_LIAISON)
                .expectResultMessagePayload(new CommandResult(R, 6));
    }
}
