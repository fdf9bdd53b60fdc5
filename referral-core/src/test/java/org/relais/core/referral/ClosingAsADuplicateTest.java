package org.relais.core.referral;

import static org.relais.core.referral.ReferralScenarios.COORDINATOR;
import static org.relais.core.referral.ReferralScenarios.EARLIER;
import static org.relais.core.referral.ReferralScenarios.EARLIER_REFERENCE;
import static org.relais.core.referral.ReferralScenarios.ERASED;
import static org.relais.core.referral.ReferralScenarios.ERASED_REFERENCE;
import static org.relais.core.referral.ReferralScenarios.NOW;
import static org.relais.core.referral.ReferralScenarios.R;
import static org.relais.core.referral.ReferralScenarios.received;
import static org.relais.core.referral.ReferralScenarios.triaged;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relais.core.api.referral.CloseReferralCommand;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.RuleViolationException;
import org.relais.core.testing.MutableClock;
import org.relais.core.testing.TestPrivacy;

/** A victim called twice; the coordinator closes the second case as a duplicate of the first. */
class ClosingAsADuplicateTest {

    private FixtureConfiguration<Referral> fixture;

    @BeforeEach
    void setUp() {
        fixture = ReferralScenarios.fixture(TestPrivacy.protector(), new MutableClock(NOW));
    }

    private static CloseReferralCommand duplicateOf(String other) {
        return new CloseReferralCommand(R, ClosureOutcome.DUPLICATE, null, other);
    }

    @ParameterizedTest
    @ValueSource(strings = {EARLIER_REFERENCE, "r-2026-000042", "2026-000042", " R-2026-000042 ", EARLIER})
    void the_other_case_is_named_by_its_reference_as_read_out_or_by_its_id(String named) {
        fixture.given(received(), triaged(RiskLevel.LOW))
                .when(duplicateOf(named), COORDINATOR)
                .expectEvents(new ReferralClosedEvent(R, ClosureOutcome.DUPLICATE, null, EARLIER, EARLIER_REFERENCE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void a_duplicate_names_the_case_it_repeats(String blank) {
        fixture.given(received(), triaged(RiskLevel.LOW))
                .when(duplicateOf(blank), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.DUPLICATE_OF_REQUIRED)
                .expectNoEvents();
    }

    @Test
    void a_duplicate_without_any_name_is_rejected() {
        fixture.given(received())
                .when(new CloseReferralCommand(R, ClosureOutcome.DUPLICATE, null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.DUPLICATE_OF_REQUIRED)
                .expectNoEvents();
    }

    @Test
    void an_unknown_case_is_rejected() {
        fixture.given(received())
                .when(duplicateOf("R-2026-999999"), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.DUPLICATE_OF_UNKNOWN)
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"R-2026-000001", R})
    void a_case_is_not_a_duplicate_of_itself(String itself) {
        fixture.given(received())
                .when(duplicateOf(itself), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.DUPLICATE_OF_ITSELF)
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {ERASED_REFERENCE, ERASED})
    void an_erased_case_cannot_carry_the_story_on(String erased) {
        fixture.given(received())
                .when(duplicateOf(erased), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.DUPLICATE_OF_ERASED)
                .expectNoEvents();
    }

    @Test
    void another_outcome_names_no_case() {
        fixture.given(received(), triaged(RiskLevel.LOW))
                .when(new CloseReferralCommand(R, ClosureOutcome.RESOLVED, null, EARLIER_REFERENCE), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.INVALID_INPUT)
                .expectNoEvents();
    }
}
