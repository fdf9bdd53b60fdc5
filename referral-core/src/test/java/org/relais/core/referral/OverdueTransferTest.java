package org.relais.core.referral;

import static org.relais.core.referral.ReferralScenarios.COORDINATOR;
import static org.relais.core.referral.ReferralScenarios.DEADLINE;
import static org.relais.core.referral.ReferralScenarios.NOW;
import static org.relais.core.referral.ReferralScenarios.POLICE;
import static org.relais.core.referral.ReferralScenarios.R;
import static org.relais.core.referral.ReferralScenarios.SEALED;
import static org.relais.core.referral.ReferralScenarios.SLA;
import static org.relais.core.referral.ReferralScenarios.T;
import static org.relais.core.referral.ReferralScenarios.acknowledged;
import static org.relais.core.referral.ReferralScenarios.consentGiven;
import static org.relais.core.referral.ReferralScenarios.liaisonOf;
import static org.relais.core.referral.ReferralScenarios.policeTransfer;
import static org.relais.core.referral.ReferralScenarios.received;
import static org.relais.core.referral.ReferralScenarios.triaged;

import java.time.Duration;
import java.util.Set;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AcknowledgeTransferCommand;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.CommandResult;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.referral.MarkTransferOverdueCommand;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.RequestTransferCommand;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.TransferPurpose;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.testing.MutableClock;
import org.relais.core.testing.TestPrivacy;

/** The deadline mechanism may fire twice or late: only a due, unanswered, unflagged transfer is flagged. */
class OverdueTransferTest {

    private final PersonalDataProtector protector = TestPrivacy.protector();
    private final MutableClock clock = new MutableClock(NOW);
    private FixtureConfiguration<Referral> fixture;

    @BeforeEach
    void setUp() {
        fixture = ReferralScenarios.fixture(protector, clock);
    }

    private static TransferAcknowledgementOverdueEvent overdue() {
        return new TransferAcknowledgementOverdueEvent(R, T, POLICE, DEADLINE);
    }

    @Test
    void transfer_unacknowledged_at_its_deadline_is_flagged_overdue() {
        clock.set(DEADLINE);

        fixture.given(policeTransfer())
                .when(new MarkTransferOverdueCommand(R, T))
                .expectEvents(overdue())
                .expectResultMessagePayload(new CommandResult(R, 4));
    }

    @Test
    void deadline_computed_at_request_time_flags_the_transfer_once_the_clock_reaches_it() {
        TestExecutor<Referral> requested = fixture.given(received(), triaged(RiskLevel.HIGH), consentGiven())
                .andGivenCommands(new RequestTransferCommand(R, T, POLICE, TransferPurpose.INVESTIGATION,
                        LegalBasis.CONSENT, Set.of(ShareableField.NARRATIVE), null));
        clock.advance(SLA);

        requested.when(new MarkTransferOverdueCommand(R, T))
                .expectEvents(overdue());
    }

    @Test
    void transfer_not_yet_due_is_left_alone_and_the_current_version_is_answered() {
        clock.set(DEADLINE.minusSeconds(1));

        fixture.given(policeTransfer())
                .when(new MarkTransferOverdueCommand(R, T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new CommandResult(R, 3));
    }

    @Test
    void flagging_a_transfer_already_flagged_is_a_no_op() {
        clock.set(DEADLINE.plusSeconds(60));

        fixture.given(policeTransfer(overdue()))
                .when(new MarkTransferOverdueCommand(R, T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new CommandResult(R, 4));
    }

    @Test
    void acknowledged_transfer_is_never_flagged() {
        clock.set(DEADLINE.plusSeconds(60));

        fixture.given(policeTransfer(acknowledged(POLICE)))
                .when(new MarkTransferOverdueCommand(R, T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cancelled_transfer_of_a_closed_case_is_never_flagged() {
        clock.set(DEADLINE.plusSeconds(60));

        fixture.given(policeTransfer(new TransferCancelledEvent(R, T, POLICE, SEALED),
                        new ReferralClosedEvent(R, ClosureOutcome.RESOLVED, null)))
                .when(new MarkTransferOverdueCommand(R, T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void overdue_for_an_unknown_transfer_is_rejected() {
        fixture.given(policeTransfer())
                .when(new MarkTransferOverdueCommand(R, "t-unknown"))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.TRANSFER_NOT_FOUND)
                .expectNoEvents();
    }

    @Test
    void overdue_transfer_can_still_be_acknowledged_and_the_acknowledgement_keeps_the_record() {
        clock.set(DEADLINE.plus(Duration.ofHours(2)));

        fixture.given(policeTransfer(overdue()))
                .when(new AcknowledgeTransferCommand(R, T), liaisonOf(POLICE))
                .expectEvents(new TransferAcknowledgedEvent(R, T, POLICE, true));
    }

    @Test
    void acknowledged_overdue_transfer_is_not_flagged_again() {
        clock.set(DEADLINE.plus(Duration.ofHours(2)));

        fixture.given(policeTransfer(overdue(), new TransferAcknowledgedEvent(R, T, POLICE, true)))
                .when(new MarkTransferOverdueCommand(R, T), COORDINATOR)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
