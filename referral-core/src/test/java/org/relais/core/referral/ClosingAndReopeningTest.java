package org.relais.core.referral;

import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.relais.core.referral.ReferralScenarios.CHILD_UNIT;
import static org.relais.core.referral.ReferralScenarios.COORDINATOR;
import static org.relais.core.referral.ReferralScenarios.NOW;
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
import static org.relais.core.referral.ReferralScenarios.triaged;

import java.util.Set;
import java.util.stream.Stream;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.relais.core.api.referral.AcceptTransferCommand;
import org.relais.core.api.referral.AcknowledgeTransferCommand;
import org.relais.core.api.referral.AssignCoordinatorCommand;
import org.relais.core.api.referral.CancelTransferCommand;
import org.relais.core.api.referral.CloseReferralCommand;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.CompleteTransferCommand;
import org.relais.core.api.referral.DeclineTransferCommand;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.GiveConsentCommand;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.core.api.referral.ReopenReferralCommand;
import org.relais.core.api.referral.RequestTransferCommand;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TriageReferralCommand;
import org.relais.core.api.referral.WithdrawConsentCommand;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.testing.MutableClock;
import org.relais.core.testing.TestPrivacy;
import org.relais.core.testing.Unsealed;

class ClosingAndReopeningTest {

    private final PersonalDataProtector protector = TestPrivacy.protector();
    private FixtureConfiguration<Referral> fixture;

    @BeforeEach
    void setUp() {
        fixture = ReferralScenarios.fixture(protector, new MutableClock(NOW));
    }

    private static ReferralClosedEvent closed() {
        return new ReferralClosedEvent(R, ClosureOutcome.RESOLVED, null);
    }

    @Test
    void coordinator_closes_a_triaged_case_with_an_outcome_and_a_sealed_note() {
        fixture.given(received(), triaged(RiskLevel.LOW))
                .when(new CloseReferralCommand(R, ClosureOutcome.RESOLVED, "Family supported by school"),
                        COORDINATOR)
                .expectEventsMatching(Unsealed.events(protector,
                        new ReferralClosedEvent(R, ClosureOutcome.RESOLVED, "Family supported by school")));
    }

    @Test
    void a_received_case_can_be_closed_as_a_duplicate_without_triage() {
        fixture.given(received())
                .when(new CloseReferralCommand(R, ClosureOutcome.DUPLICATE, null, ReferralScenarios.EARLIER_REFERENCE),
                        COORDINATOR)
                .expectEvents(new ReferralClosedEvent(R, ClosureOutcome.DUPLICATE, null, ReferralScenarios.EARLIER,
                        ReferralScenarios.EARLIER_REFERENCE));
    }

    @Test
    void closing_without_an_outcome_is_rejected() {
        fixture.given(received(), triaged(RiskLevel.LOW))
                .when(new CloseReferralCommand(R, null, null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.INVALID_INPUT)
                .expectNoEvents();
    }

    static Stream<Arguments> transfersAwaitingAnAnswer() {
        return Stream.of(
                arguments((Object) policeTransfer()),
                arguments((Object) policeTransfer(acknowledged(POLICE))));
    }

    @ParameterizedTest
    @MethodSource("transfersAwaitingAnAnswer")
    void a_transfer_awaiting_the_partners_answer_blocks_closure(Object[] given) {
        fixture.given(given)
                .when(new CloseReferralCommand(R, ClosureOutcome.REFERRED, null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.OPEN_TRANSFERS_BLOCK_CLOSURE)
                .expectNoEvents();
    }

    static Stream<Arguments> transfersThatDoNotBlock() {
        return Stream.of(
                arguments((Object) policeTransfer(acknowledged(POLICE), accepted(POLICE))),
                arguments((Object) policeTransfer(new TransferDeclinedEvent(R, T, POLICE, SEALED))),
                arguments((Object) policeTransfer(new TransferCancelledEvent(R, T, POLICE, SEALED))),
                arguments((Object) policeTransfer(acknowledged(POLICE), accepted(POLICE),
                        new TransferCompletedEvent(R, T, POLICE, TransferOutcome.NO_FURTHER_ACTION, null, null))));
    }

    @ParameterizedTest
    @MethodSource("transfersThatDoNotBlock")
    void accepted_or_ended_transfers_do_not_block_closure(Object[] given) {
        fixture.given(given)
                .when(new CloseReferralCommand(R, ClosureOutcome.REFERRED, null), COORDINATOR)
                .expectEvents(new ReferralClosedEvent(R, ClosureOutcome.REFERRED, null));
    }

    @Test
    void closing_twice_is_rejected() {
        fixture.given(received(), triaged(RiskLevel.LOW), closed())
                .when(new CloseReferralCommand(R, ClosureOutcome.RESOLVED, null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.REFERRAL_CLOSED)
                .expectNoEvents();
    }

    @Test
    void coordinator_reopens_a_closed_case_with_a_sealed_reason() {
        fixture.given(received(), triaged(RiskLevel.LOW), closed())
                .when(new ReopenReferralCommand(R, "The harassment started again"), COORDINATOR)
                .expectEventsMatching(Unsealed.events(protector,
                        new ReferralReopenedEvent(R, "The harassment started again")));
    }

    @Test
    void reopening_a_case_that_is_not_closed_is_rejected() {
        fixture.given(received(), triaged(RiskLevel.LOW))
                .when(new ReopenReferralCommand(R, "why not"), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.REFERRAL_NOT_CLOSED)
                .expectNoEvents();
    }

    @Test
    void reopening_without_a_reason_is_rejected() {
        fixture.given(received(), triaged(RiskLevel.LOW), closed())
                .when(new ReopenReferralCommand(R, ""), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.REASON_REQUIRED)
                .expectNoEvents();
    }

    @Test
    void a_reopened_case_takes_commands_again() {
        fixture.given(received(), triaged(RiskLevel.LOW), closed(), new ReferralReopenedEvent(R, SEALED))
                .when(new TriageReferralCommand(R, RiskLevel.HIGH, null, null), COORDINATOR)
                .expectEvents(triaged(RiskLevel.HIGH));
    }

    static Stream<Arguments> commandsOnACase() {
        return Stream.of(
                arguments(new TriageReferralCommand(R, RiskLevel.HIGH, null, null)),
                arguments(new AssignCoordinatorCommand(R, "coord-2")),
                arguments(new GiveConsentCommand(R, "Léa")),
                arguments(new RequestTransferCommand(R, "t-2", POLICE, TransferPurpose.CHILD_PROTECTION_ASSESSMENT,
                        LegalBasis.CONSENT, Set.of(ShareableField.NARRATIVE), null)),
                arguments(new AcknowledgeTransferCommand(R, T)),
                arguments(new AcceptTransferCommand(R, T)),
                arguments(new DeclineTransferCommand(R, T, "late")),
                arguments(new CompleteTransferCommand(R, T, TransferOutcome.INVESTIGATION_OPENED, null, null)),
                arguments(new CancelTransferCommand(R, T, "late")),
                arguments(new CloseReferralCommand(R, ClosureOutcome.RESOLVED, null)));
    }

    /** All but the completion of the transfer that was accepted when the case closed (see PartnerCompletingAfterClosureTest). */
    static Stream<Arguments> commandsRefusedOnAClosedCase() {
        return commandsOnACase().filter(command -> !(command.get()[0] instanceof CompleteTransferCommand));
    }

    @ParameterizedTest
    @MethodSource("commandsRefusedOnAClosedCase")
    void any_command_but_reopening_erasure_or_a_late_outcome_on_a_closed_case_is_rejected(Object command) {
        // an ACCEPTED transfer survives closure, so even its partner's liaison meets the closed case
        fixture.given(policeTransfer(acknowledged(POLICE), accepted(POLICE), closed()))
                .when(command, liaisonOf(POLICE))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.REFERRAL_CLOSED)
                .expectNoEvents();
    }

    static Stream<Arguments> liaisonAnswers() {
        Set<Class<?>> answers = Set.of(AcknowledgeTransferCommand.class, AcceptTransferCommand.class,
                DeclineTransferCommand.class, CompleteTransferCommand.class);
        return commandsOnACase().filter(command -> answers.contains(command.get()[0].getClass()));
    }

    @ParameterizedTest
    @MethodSource("liaisonAnswers")
    void another_partners_liaison_does_not_learn_that_a_case_is_closed(Object command) {
        fixture.given(policeTransfer(acknowledged(POLICE), accepted(POLICE), closed()))
                .when(command, liaisonOf(CHILD_UNIT))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.NOT_LIAISON_OF_PARTNER)
                .expectNoEvents();
    }

    @Test
    void the_consent_of_a_closed_case_is_kept_for_when_it_is_reopened() {
        fixture.given(received(), triaged(RiskLevel.LOW), consentGiven(), closed(),
                        new ReferralReopenedEvent(R, SEALED))
                .when(new RequestTransferCommand(R, T, POLICE, TransferPurpose.INVESTIGATION, LegalBasis.CONSENT,
                        Set.of(), null), COORDINATOR)
                .expectSuccessfulHandlerExecution();
    }
}
