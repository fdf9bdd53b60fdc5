package org.relais.core.referral;

import static org.relais.core.referral.ReferralScenarios.COORDINATOR;
import static org.relais.core.referral.ReferralScenarios.NOW;
import static org.relais.core.referral.ReferralScenarios.R;
import static org.relais.core.referral.ReferralScenarios.SEALED;
import static org.relais.core.referral.ReferralScenarios.consentGiven;
import static org.relais.core.referral.ReferralScenarios.received;
import static org.relais.core.referral.ReferralScenarios.triaged;

import java.util.EnumSet;
import java.util.Set;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.referral.AssignCoordinatorCommand;
import org.relais.core.api.Category;
import org.relais.core.api.CommandResult;
import org.relais.core.api.referral.ConsentGivenEvent;
import org.relais.core.api.referral.ConsentWithdrawnEvent;
import org.relais.core.api.referral.CoordinatorAssignedEvent;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.GiveConsentCommand;
import org.relais.core.api.referral.ReferralTriagedEvent;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.referral.TriageReferralCommand;
import org.relais.core.api.referral.WithdrawConsentCommand;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.testing.MutableClock;
import org.relais.core.testing.TestPrivacy;
import org.relais.core.testing.Unsealed;

class TriageAndConsentTest {

    private final PersonalDataProtector protector = TestPrivacy.protector();
    private FixtureConfiguration<Referral> fixture;

    @BeforeEach
    void setUp() {
        fixture = ReferralScenarios.fixture(protector, new MutableClock(NOW));
    }

    @Test
    void coordinator_triages_a_received_case_keeping_what_intake_recorded() {
        fixture.given(received())
                .when(new TriageReferralCommand(R, RiskLevel.HIGH, null, null), COORDINATOR)
                .expectEvents(new ReferralTriagedEvent(R, RiskLevel.HIGH,
                        EnumSet.of(Category.CYBERHARASSMENT, Category.NON_CONSENSUAL_IMAGERY), AgeBand.AGE_11_14))
                .expectResultMessagePayload(new CommandResult(R, 1));
    }

    @Test
    void triage_corrects_the_categories_and_the_age_band() {
        fixture.given(received())
                .when(new TriageReferralCommand(R, RiskLevel.IMMEDIATE_DANGER, Set.of(Category.SEXTORTION),
                        AgeBand.AGE_15_17), COORDINATOR)
                .expectEvents(new ReferralTriagedEvent(R, RiskLevel.IMMEDIATE_DANGER, Set.of(Category.SEXTORTION),
                        AgeBand.AGE_15_17));
    }

    @Test
    void a_triaged_case_can_be_triaged_again_when_the_risk_changes() {
        fixture.given(received(), triaged(RiskLevel.LOW))
                .when(new TriageReferralCommand(R, RiskLevel.IMMEDIATE_DANGER, null, null), COORDINATOR)
                .expectEvents(triaged(RiskLevel.IMMEDIATE_DANGER));
    }

    @Test
    void triage_without_a_risk_level_is_rejected() {
        fixture.given(received())
                .when(new TriageReferralCommand(R, null, null, null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.INVALID_INPUT)
                .expectNoEvents();
    }

    @Test
    void coordinator_is_assigned_to_the_case() {
        fixture.given(received())
                .when(new AssignCoordinatorCommand(R, "coord-7"), COORDINATOR)
                .expectEvents(new CoordinatorAssignedEvent(R, "coord-7"));
    }

    @Test
    void assignment_without_a_coordinator_is_rejected() {
        fixture.given(received())
                .when(new AssignCoordinatorCommand(R, " "), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.INVALID_INPUT)
                .expectNoEvents();
    }

    @Test
    void guardian_gives_consent_and_their_name_is_sealed() {
        fixture.given(received())
                .when(new GiveConsentCommand(R, "Claire Martin (mother)"), COORDINATOR)
                .expectEventsMatching(Unsealed.events(protector, new ConsentGivenEvent(R, "Claire Martin (mother)")));
    }

    @Test
    void consent_given_twice_is_rejected() {
        fixture.given(received(), consentGiven())
                .when(new GiveConsentCommand(R, "Claire Martin"), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.CONSENT_ALREADY_GIVEN)
                .expectNoEvents();
    }

    @Test
    void consent_without_the_person_giving_it_is_rejected() {
        fixture.given(received())
                .when(new GiveConsentCommand(R, ""), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.INVALID_INPUT)
                .expectNoEvents();
    }

    @Test
    void consent_is_withdrawn_and_who_withdrew_it_is_sealed() {
        fixture.given(received(), consentGiven())
                .when(new WithdrawConsentCommand(R, "Léa Martin"), COORDINATOR)
                .expectEventsMatching(Unsealed.events(protector, new ConsentWithdrawnEvent(R, "Léa Martin")));
    }

    @Test
    void withdrawing_consent_that_was_never_given_is_rejected() {
        fixture.given(received())
                .when(new WithdrawConsentCommand(R, "Léa Martin"), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.CONSENT_NOT_GIVEN)
                .expectNoEvents();
    }

    @Test
    void consent_can_be_given_again_after_a_withdrawal() {
        fixture.given(received(), consentGiven(), new ConsentWithdrawnEvent(R, SEALED))
                .when(new GiveConsentCommand(R, "Léa Martin"), COORDINATOR)
                .expectEventsMatching(Unsealed.events(protector, new ConsentGivenEvent(R, "Léa Martin")));
    }

    @Test
    void consent_cannot_be_recorded_once_the_personal_data_was_erased() {
        protector.sealText(R, "intake", "creates the subject key");
        protector.erase(R);

        fixture.given(received())
                .when(new GiveConsentCommand(R, "Léa Martin"), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.REFERRAL_ERASED)
                .expectNoEvents();
    }
}
