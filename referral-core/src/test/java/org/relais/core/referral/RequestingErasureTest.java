package org.relais.core.referral;

import static org.relais.core.referral.ReferralScenarios.NOW;
import static org.relais.core.referral.ReferralScenarios.R;
import static org.relais.core.referral.ReferralScenarios.RETENTION;
import static org.relais.core.referral.ReferralScenarios.SEALED;
import static org.relais.core.referral.ReferralScenarios.received;
import static org.relais.core.referral.ReferralScenarios.triaged;

import java.time.Duration;
import java.util.Map;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.ErasureGround;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.GiveConsentCommand;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralErasureRequestedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.core.api.referral.ReopenReferralCommand;
import org.relais.core.api.referral.RequestErasureCommand;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.RuleViolationException;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.testing.MutableClock;
import org.relais.core.testing.TestPrivacy;
import org.relais.core.testing.Unsealed;

/**
 * A data subject may have their data erased at any time; the retention job only once the case has been closed for
 * the whole retention period (30 days in these scenarios). The closing time is the closing event's own timestamp:
 * the fixture stamps given events with its current time, the command handler reads the injected clock ({@code NOW}).
 */
class RequestingErasureTest {

    private static final Map<String, ?> ADMIN = Map.of(ActorMetadata.ROLE, "ADMIN", ActorMetadata.USER, "admin");
    private static final Map<String, ?> SYSTEM = Map.of(ActorMetadata.ROLE, "SYSTEM",
            ActorMetadata.USER, "system:retention");
    private static final ReferralClosedEvent CLOSED = new ReferralClosedEvent(R, ClosureOutcome.RESOLVED, null);
    private static final ReferralReopenedEvent REOPENED = new ReferralReopenedEvent(R, SEALED);

    private final PersonalDataProtector protector = TestPrivacy.protector();
    private FixtureConfiguration<Referral> fixture;

    @BeforeEach
    void setUp() {
        fixture = ReferralScenarios.fixture(protector, new MutableClock(NOW));
    }

    @Test
    void givenAnOpenCase_whenTheDataSubjectAsksForErasure_thenItIsRecordedWithASealedReason() {
        fixture.given(received(), triaged(RiskLevel.LOW))
                .when(new RequestErasureCommand(R, "Art. 17 request by the victim", ErasureGround.DATA_SUBJECT_REQUEST),
                        ADMIN)
                .expectEventsMatching(Unsealed.events(protector,
                        new ReferralErasureRequestedEvent(R, "Art. 17 request by the victim")));
    }

    @Test
    void givenACaseClosedYesterday_whenTheDataSubjectAsksForErasure_thenItIsRecorded() {
        fixture.givenCurrentTime(NOW.minus(Duration.ofDays(1)))
                .andGiven(received(), CLOSED)
                .when(new RequestErasureCommand(R, null, ErasureGround.DATA_SUBJECT_REQUEST), ADMIN)
                .expectEvents(new ReferralErasureRequestedEvent(R, null));
    }

    @Test
    void givenACaseClosedForExactlyTheRetentionPeriod_whenRetentionExpires_thenTheErasureIsRecordedWithoutAReason() {
        fixture.givenCurrentTime(NOW.minus(RETENTION))
                .andGiven(received(), CLOSED)
                .when(new RequestErasureCommand(R, null, ErasureGround.RETENTION_EXPIRY), SYSTEM)
                .expectEvents(new ReferralErasureRequestedEvent(R, null));
    }

    @Test
    void givenACaseClosedForLessThanTheRetentionPeriod_whenRetentionExpires_thenItIsRefused() {
        fixture.givenCurrentTime(NOW.minus(RETENTION).plusSeconds(1))
                .andGiven(received(), CLOSED)
                .when(new RequestErasureCommand(R, null, ErasureGround.RETENTION_EXPIRY), SYSTEM)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.RETENTION_NOT_EXPIRED)
                .expectNoEvents();
    }

    @Test
    void givenAnOpenCase_whenRetentionExpires_thenItIsRefused() {
        fixture.givenCurrentTime(NOW.minus(Duration.ofDays(400)))
                .andGiven(received(), triaged(RiskLevel.LOW))
                .when(new RequestErasureCommand(R, null, ErasureGround.RETENTION_EXPIRY), SYSTEM)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.RETENTION_NOT_EXPIRED)
                .expectNoEvents();
    }

    @Test
    void givenACaseClosedLongAgoAndReopenedSince_whenRetentionExpires_thenItIsRefused() {
        fixture.givenCurrentTime(NOW.minus(Duration.ofDays(60)))
                .andGiven(received(), CLOSED)
                .andGivenCurrentTime(NOW.minus(Duration.ofDays(1)))
                .andGiven(REOPENED)
                .when(new RequestErasureCommand(R, null, ErasureGround.RETENTION_EXPIRY), SYSTEM)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.RETENTION_NOT_EXPIRED)
                .expectNoEvents();
    }

    @Test
    void givenACaseReopenedAndClosedAgainRecently_whenRetentionExpires_thenTheCountStartsAtTheLastClosure() {
        fixture.givenCurrentTime(NOW.minus(Duration.ofDays(60)))
                .andGiven(received(), CLOSED, REOPENED)
                .andGivenCurrentTime(NOW.minus(Duration.ofDays(10)))
                .andGiven(CLOSED)
                .when(new RequestErasureCommand(R, null, ErasureGround.RETENTION_EXPIRY), SYSTEM)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.RETENTION_NOT_EXPIRED)
                .expectNoEvents();
    }

    @Test
    void givenAnErasureWithoutAGround_whenItArrives_thenItIsRefusedAsInvalid() {
        fixture.given(received())
                .when(new RequestErasureCommand(R, null, null), ADMIN)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.INVALID_INPUT)
                .expectNoEvents();
    }

    @Test
    void givenAnErasedCase_whenErasureIsRequestedAgain_thenItIsRefused() {
        fixture.given(received(), new ReferralErasureRequestedEvent(R, SEALED))
                .when(new RequestErasureCommand(R, null, ErasureGround.DATA_SUBJECT_REQUEST), ADMIN)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.ERASURE_ALREADY_REQUESTED)
                .expectNoEvents();
    }

    @Test
    void givenADestroyedSubjectKey_whenACommandWouldSealText_thenItIsRefusedAsErased() {
        protector.sealText(R, "intake", "creates the subject key");
        protector.erase(R);

        fixture.given(received(), triaged(RiskLevel.LOW), CLOSED)
                .when(new ReopenReferralCommand(R, "new facts"), ADMIN)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.REFERRAL_ERASED)
                .expectNoEvents();
    }

    /** Whatever an instance's key cache still holds, the case's own history refuses new personal data. */
    @Test
    void givenAnErasureRecordedButTheKeyStillInACache_whenACommandWouldSealText_thenItIsRefusedAsErased() {
        protector.sealText(R, "intake", "creates the subject key, which stays readable here");

        fixture.given(received(), triaged(RiskLevel.LOW), new ReferralErasureRequestedEvent(R, SEALED))
                .when(new GiveConsentCommand(R, "the victim's mother"), Map.of(ActorMetadata.ROLE, "COORDINATOR",
                        ActorMetadata.USER, "coord-1"))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.REFERRAL_ERASED)
                .expectNoEvents();
    }
}
