package org.relais.core.referral;

import static org.relais.core.referral.ReferralScenarios.CHILD_UNIT;
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

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AcceptTransferCommand;
import org.relais.core.api.referral.AcknowledgeTransferCommand;
import org.relais.core.api.referral.CloseReferralCommand;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.CompleteTransferCommand;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.referral.TriageReferralCommand;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.testing.MutableClock;
import org.relais.core.testing.TestPrivacy;
import org.relais.core.testing.Unsealed;

/**
 * The coordinator closed the case while a platform (or the police) still worked on an accepted transfer; the partner
 * reports its outcome afterwards, and the case stays closed.
 */
class PartnerCompletingAfterClosureTest {

    private final PersonalDataProtector protector = TestPrivacy.protector();
    private FixtureConfiguration<Referral> fixture;

    @BeforeEach
    void setUp() {
        fixture = ReferralScenarios.fixture(protector, new MutableClock(NOW));
    }

    private static ReferralClosedEvent closed() {
        return new ReferralClosedEvent(R, ClosureOutcome.REFERRED, null);
    }

    @Test
    void the_platform_reports_the_content_removed_after_the_case_closed() {
        fixture.given(received(), triaged(RiskLevel.HIGH), consentGiven(), requestedToPlatform(),
                        acknowledged(PLATFORM), accepted(PLATFORM), closed())
                .when(new CompleteTransferCommand(R, T, TransferOutcome.CONTENT_REMOVED, null, "Removed in 3 h"),
                        liaisonOf(PLATFORM))
                .expectEventsMatching(Unsealed.events(protector, new TransferCompletedEvent(R, T, PLATFORM,
                        TransferOutcome.CONTENT_REMOVED, null, "Removed in 3 h")));
    }

    @Test
    void the_case_stays_closed_after_the_late_outcome() {
        fixture.given(policeTransfer(acknowledged(POLICE), accepted(POLICE), closed(),
                        new TransferCompletedEvent(R, T, POLICE, TransferOutcome.INVESTIGATION_OPENED, null, null)))
                .when(new TriageReferralCommand(R, RiskLevel.LOW, null, null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.REFERRAL_CLOSED)
                .expectNoEvents();
    }

    @Test
    void the_police_report_after_closure_follows_the_completion_rules() {
        fixture.given(policeTransfer(acknowledged(POLICE), accepted(POLICE), closed()))
                .when(new CompleteTransferCommand(R, T, TransferOutcome.CONTENT_REMOVED, null, null),
                        liaisonOf(POLICE))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.OUTCOME_NOT_ALLOWED_FOR_PURPOSE)
                .expectNoEvents();
    }

    @Test
    void an_outcome_is_reported_once_even_after_closure() {
        fixture.given(policeTransfer(acknowledged(POLICE), accepted(POLICE), closed(),
                        new TransferCompletedEvent(R, T, POLICE, TransferOutcome.INVESTIGATION_OPENED, null, null)))
                .when(new CompleteTransferCommand(R, T, TransferOutcome.NO_FURTHER_ACTION, null, null),
                        liaisonOf(POLICE))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.REFERRAL_CLOSED)
                .expectNoEvents();
    }

    @Test
    void a_transfer_cancelled_before_closure_has_no_outcome_to_report() {
        fixture.given(policeTransfer(acknowledged(POLICE), accepted(POLICE),
                        new TransferCancelledEvent(R, T, POLICE, SEALED), closed()))
                .when(new CompleteTransferCommand(R, T, TransferOutcome.INVESTIGATION_OPENED, null, null),
                        liaisonOf(POLICE))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.REFERRAL_CLOSED)
                .expectNoEvents();
    }

    @Test
    void another_partners_liaison_still_learns_nothing() {
        fixture.given(policeTransfer(acknowledged(POLICE), accepted(POLICE), closed()))
                .when(new CompleteTransferCommand(R, T, TransferOutcome.INVESTIGATION_OPENED, null, null),
                        liaisonOf(CHILD_UNIT))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.NOT_LIAISON_OF_PARTNER)
                .expectNoEvents();
    }

    @Test
    void acknowledging_or_accepting_on_a_closed_case_stays_refused() {
        fixture.given(policeTransfer(acknowledged(POLICE), accepted(POLICE), closed()))
                .when(new AcknowledgeTransferCommand(R, T), liaisonOf(POLICE))
                .expectExceptionDetails(ErrorCode.REFERRAL_CLOSED);
        fixture.given(policeTransfer(acknowledged(POLICE), accepted(POLICE), closed()))
                .when(new AcceptTransferCommand(R, T), liaisonOf(POLICE))
                .expectExceptionDetails(ErrorCode.REFERRAL_CLOSED);
    }

    @Test
    void a_case_reopened_after_the_late_outcome_has_nothing_left_in_progress() {
        // the completed transfer no longer counts as under way: the reopened case can be closed at once
        fixture.given(policeTransfer(acknowledged(POLICE), accepted(POLICE), closed(),
                        new TransferCompletedEvent(R, T, POLICE, TransferOutcome.INVESTIGATION_OPENED, null, null),
                        new ReferralReopenedEvent(R, SEALED)))
                .when(new CloseReferralCommand(R, ClosureOutcome.RESOLVED, null), COORDINATOR)
                .expectEvents(new ReferralClosedEvent(R, ClosureOutcome.RESOLVED, null));
    }
}
