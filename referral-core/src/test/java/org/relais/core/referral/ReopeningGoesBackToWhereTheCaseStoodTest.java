package org.relais.core.referral;

import static org.relais.core.referral.ReferralScenarios.CHILD_UNIT;
import static org.relais.core.referral.ReferralScenarios.COORDINATOR;
import static org.relais.core.referral.ReferralScenarios.NOW;
import static org.relais.core.referral.ReferralScenarios.POLICE;
import static org.relais.core.referral.ReferralScenarios.R;
import static org.relais.core.referral.ReferralScenarios.SEALED;
import static org.relais.core.referral.ReferralScenarios.T;
import static org.relais.core.referral.ReferralScenarios.accepted;
import static org.relais.core.referral.ReferralScenarios.acknowledged;
import static org.relais.core.referral.ReferralScenarios.liaisonOf;
import static org.relais.core.referral.ReferralScenarios.policeTransfer;
import static org.relais.core.referral.ReferralScenarios.received;
import static org.relais.core.referral.ReferralScenarios.triaged;

import java.util.Set;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.CloseReferralCommand;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.CompleteTransferCommand;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.core.api.referral.RequestTransferCommand;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TriageReferralCommand;
import org.relais.core.testing.MutableClock;
import org.relais.core.testing.TestPrivacy;

/**
 * Reopening lifts the closure and nothing else: the case stands where its triage and transfers put it (RECEIVED,
 * IN_PROGRESS or TRIAGED, as the read side shows in CaseDetailReadModelTest), and the commands it takes say so.
 */
class ReopeningGoesBackToWhereTheCaseStoodTest {

    private FixtureConfiguration<Referral> fixture;

    @BeforeEach
    void setUp() {
        fixture = ReferralScenarios.fixture(TestPrivacy.protector(), new MutableClock(NOW));
    }

    private static ReferralClosedEvent closed(ClosureOutcome outcome) {
        return new ReferralClosedEvent(R, outcome, null);
    }

    private static ReferralReopenedEvent reopened() {
        return new ReferralReopenedEvent(R, SEALED);
    }

    private static RequestTransferCommand toChildUnit() {
        return new RequestTransferCommand(R, "t-2", CHILD_UNIT, TransferPurpose.CHILD_PROTECTION_ASSESSMENT,
                LegalBasis.CONSENT, Set.of(ShareableField.NARRATIVE), null);
    }

    @Test
    void closed_before_triage_it_is_received_again_and_waits_for_triage_before_any_transfer() {
        fixture.given(received(), closed(ClosureOutcome.UNREACHABLE), reopened())
                .when(toChildUnit(), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.REFERRAL_NOT_TRIAGED)
                .expectNoEvents();
    }

    @Test
    void closed_before_triage_it_is_triaged_like_a_new_case() {
        fixture.given(received(), closed(ClosureOutcome.UNREACHABLE), reopened())
                .when(new TriageReferralCommand(R, RiskLevel.MODERATE, null, null), COORDINATOR)
                .expectEvents(triaged(RiskLevel.MODERATE));
    }

    @Test
    void with_an_accepted_transfer_it_is_in_progress_with_that_partner_who_reports_the_outcome() {
        fixture.given(policeTransfer(acknowledged(POLICE), accepted(POLICE), closed(ClosureOutcome.REFERRED),
                        reopened()))
                .when(new CompleteTransferCommand(R, T, TransferOutcome.INVESTIGATION_OPENED, null, null),
                        liaisonOf(POLICE))
                .expectEvents(new TransferCompletedEvent(R, T, POLICE, TransferOutcome.INVESTIGATION_OPENED, null,
                        null));
    }

    @Test
    void with_an_accepted_transfer_the_same_partner_and_purpose_is_still_taken() {
        fixture.given(policeTransfer(acknowledged(POLICE), accepted(POLICE), closed(ClosureOutcome.REFERRED),
                        reopened()))
                .when(new RequestTransferCommand(R, "t-2", POLICE, TransferPurpose.INVESTIGATION, LegalBasis.CONSENT,
                        Set.of(), null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.TRANSFER_ALREADY_OPEN)
                .expectNoEvents();
    }

    @Test
    void with_no_transfer_under_way_it_is_triaged_and_takes_a_new_transfer() {
        fixture.given(policeTransfer(new TransferDeclinedEvent(R, T, POLICE, SEALED), closed(ClosureOutcome.REFERRED),
                        reopened()))
                .when(toChildUnit(), COORDINATOR)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void with_no_transfer_under_way_it_can_be_closed_again_at_once() {
        fixture.given(received(), triaged(RiskLevel.LOW), closed(ClosureOutcome.RESOLVED), reopened())
                .when(new CloseReferralCommand(R, ClosureOutcome.NO_FURTHER_ACTION, null), COORDINATOR)
                .expectEvents(closed(ClosureOutcome.NO_FURTHER_ACTION));
    }
}
