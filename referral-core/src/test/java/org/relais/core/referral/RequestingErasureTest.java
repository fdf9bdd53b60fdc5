package org.relais.core.referral;

import static org.relais.core.referral.ReferralScenarios.NOW;
import static org.relais.core.referral.ReferralScenarios.R;
import static org.relais.core.referral.ReferralScenarios.SEALED;
import static org.relais.core.referral.ReferralScenarios.received;
import static org.relais.core.referral.ReferralScenarios.triaged;

import java.util.Map;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.ClosureOutcome;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.ReferralClosedEvent;
import org.relais.core.api.ReferralErasureRequestedEvent;
import org.relais.core.api.ReopenReferralCommand;
import org.relais.core.api.RequestErasureCommand;
import org.relais.core.api.RiskLevel;
import org.relais.core.api.RuleViolationException;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.testing.MutableClock;
import org.relais.core.testing.TestPrivacy;
import org.relais.core.testing.Unsealed;

class RequestingErasureTest {

    private static final Map<String, ?> ADMIN = Map.of(ActorMetadata.ROLE, "ADMIN", ActorMetadata.USER, "admin");

    private final PersonalDataProtector protector = TestPrivacy.protector();
    private FixtureConfiguration<Referral> fixture;

    @BeforeEach
    void setUp() {
        fixture = ReferralScenarios.fixture(protector, new MutableClock(NOW));
    }

    @Test
    void data_subject_request_for_erasure_is_recorded_with_a_sealed_reason() {
        fixture.given(received(), triaged(RiskLevel.LOW))
                .when(new RequestErasureCommand(R, "Art. 17 request by the victim"), ADMIN)
                .expectEventsMatching(Unsealed.events(protector,
                        new ReferralErasureRequestedEvent(R, "Art. 17 request by the victim")));
    }

    @Test
    void erasure_of_a_closed_case_at_retention_expiry_is_recorded_without_a_reason() {
        fixture.given(received(), new ReferralClosedEvent(R, ClosureOutcome.RESOLVED, null))
                .when(new RequestErasureCommand(R, null), ADMIN)
                .expectEvents(new ReferralErasureRequestedEvent(R, null));
    }

    @Test
    void erasure_requested_twice_is_rejected() {
        fixture.given(received(), new ReferralErasureRequestedEvent(R, SEALED))
                .when(new RequestErasureCommand(R, null), ADMIN)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.ERASURE_ALREADY_REQUESTED)
                .expectNoEvents();
    }

    @Test
    void free_text_cannot_be_sealed_any_more_once_the_subject_key_was_destroyed() {
        protector.sealText(R, "intake", "creates the subject key");
        protector.erase(R);

        fixture.given(received(), triaged(RiskLevel.LOW), new ReferralClosedEvent(R, ClosureOutcome.RESOLVED, null))
                .when(new ReopenReferralCommand(R, "new facts"), ADMIN)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.REFERRAL_ERASED)
                .expectNoEvents();
    }
}
