package org.relais.core.referral;

import static org.relais.core.referral.ReferralScenarios.COORDINATOR;
import static org.relais.core.referral.ReferralScenarios.NOW;
import static org.relais.core.referral.ReferralScenarios.R;
import static org.relais.core.referral.ReferralScenarios.received;
import static org.relais.core.referral.ReferralScenarios.triaged;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AddNoteCommand;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.NoteAddedEvent;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralErasureRequestedEvent;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.RuleViolationException;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.testing.MutableClock;
import org.relais.core.testing.TestPrivacy;
import org.relais.core.testing.Unsealed;

/** Internal notes: written by the coordination at any time of a case's life, until its data is erased. */
class CoordinatorWritingANoteTest {

    private static final String NOTE = "n-1";

    private final PersonalDataProtector protector = TestPrivacy.protector();
    private FixtureConfiguration<Referral> fixture;

    @BeforeEach
    void setUp() {
        fixture = ReferralScenarios.fixture(protector, new MutableClock(NOW));
    }

    @Test
    void givenAReceivedCase_whenTheCoordinatorWritesANote_thenItIsRecordedSealed() {
        fixture.given(received())
                .when(new AddNoteCommand(R, NOTE, "Mother called back, prefers mornings"), COORDINATOR)
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(Unsealed.events(protector,
                        new NoteAddedEvent(R, NOTE, "Mother called back, prefers mornings")));
    }

    @Test
    void givenAClosedCase_whenTheCoordinatorNotesAFollowUpCall_thenItIsRecorded() {
        fixture.given(received(), triaged(RiskLevel.LOW), new ReferralClosedEvent(R, ClosureOutcome.RESOLVED, null))
                .when(new AddNoteCommand(R, NOTE, "Victim called to say thanks"), COORDINATOR)
                .expectEventsMatching(Unsealed.events(protector,
                        new NoteAddedEvent(R, NOTE, "Victim called to say thanks")));
    }

    @Test
    void givenAnErasedCase_whenANoteIsWritten_thenItIsRefused() {
        fixture.given(received(), new ReferralErasureRequestedEvent(R, null))
                .when(new AddNoteCommand(R, NOTE, "too late"), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.REFERRAL_ERASED)
                .expectNoEvents();
    }

    @Test
    void givenACase_whenANoteIsBlank_thenItIsRefusedAsInvalid() {
        fixture.given(received())
                .when(new AddNoteCommand(R, NOTE, "  \n "), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.INVALID_INPUT)
                .expectNoEvents();
    }
}
