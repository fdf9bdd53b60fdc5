package org.relais.core.referral;

import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.relais.core.referral.ReferralScenarios.ASSOCIATION;
import static org.relais.core.referral.ReferralScenarios.CHILD_UNIT;
import static org.relais.core.referral.ReferralScenarios.COORDINATOR;
import static org.relais.core.referral.ReferralScenarios.DEADLINE;
import static org.relais.core.referral.ReferralScenarios.NOW;
import static org.relais.core.referral.ReferralScenarios.POLICE;
import static org.relais.core.referral.ReferralScenarios.R;
import static org.relais.core.referral.ReferralScenarios.SEALED;
import static org.relais.core.referral.ReferralScenarios.SLA;
import static org.relais.core.referral.ReferralScenarios.SUSPENDED;
import static org.relais.core.referral.ReferralScenarios.T;
import static org.relais.core.referral.ReferralScenarios.accepted;
import static org.relais.core.referral.ReferralScenarios.acknowledged;
import static org.relais.core.referral.ReferralScenarios.policeTransfer;
import static org.relais.core.referral.ReferralScenarios.received;
import static org.relais.core.referral.ReferralScenarios.requested;
import static org.relais.core.referral.ReferralScenarios.triaged;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.ConsentWithdrawnEvent;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.RerouteTransferCommand;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.api.referral.TransferReroutedEvent;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.testing.MutableClock;
import org.relais.core.testing.TestPrivacy;
import org.relais.core.testing.Unsealed;

/**
 * The police declined (or the coordinator cancelled) a transfer; the coordinator sends the case on to another
 * partner, linked to the transfer that came to nothing.
 */
class CoordinatorReroutingATransferTest {

    private static final String T2 = "t-2";
    private static final String T3 = "t-3";
    private static final Set<ShareableField> POLICE_FIELDS =
            EnumSet.of(ShareableField.VICTIM_NAME, ShareableField.NARRATIVE);

    private final PersonalDataProtector protector = TestPrivacy.protector();
    private FixtureConfiguration<Referral> fixture;

    @BeforeEach
    void setUp() {
        fixture = ReferralScenarios.fixture(protector, new MutableClock(NOW));
    }

    private static TransferDeclinedEvent declinedByPolice() {
        return new TransferDeclinedEvent(R, T, POLICE, SEALED);
    }

    private static RerouteTransferCommand toChildUnit(String message) {
        return new RerouteTransferCommand(R, T, T2, CHILD_UNIT, null, null, null, message);
    }

    @Test
    void a_declined_transfer_goes_to_another_partner_with_its_purpose_basis_and_fields_and_a_sealed_message() {
        fixture.given(policeTransfer(declinedByPolice()))
                .when(toChildUnit("The police asked us to go through the child unit"), COORDINATOR)
                .expectEventsMatching(Unsealed.events(protector,
                        new TransferReroutedEvent(R, T, T2),
                        new TransferRequestedEvent(R, T2, CHILD_UNIT, PartnerKind.CHILD_PROTECTION_UNIT,
                                TransferPurpose.INVESTIGATION, LegalBasis.CONSENT, POLICE_FIELDS,
                                "The police asked us to go through the child unit", DEADLINE, SLA)));
    }

    @Test
    void the_coordinator_may_name_another_purpose_basis_and_fields() {
        fixture.given(policeTransfer(declinedByPolice()))
                .when(new RerouteTransferCommand(R, T, T2, CHILD_UNIT, TransferPurpose.CHILD_PROTECTION_ASSESSMENT,
                        LegalBasis.MANDATORY_REPORT, Set.of(ShareableField.NARRATIVE), null), COORDINATOR)
                .expectEvents(new TransferReroutedEvent(R, T, T2),
                        new TransferRequestedEvent(R, T2, CHILD_UNIT, PartnerKind.CHILD_PROTECTION_UNIT,
                                TransferPurpose.CHILD_PROTECTION_ASSESSMENT, LegalBasis.MANDATORY_REPORT,
                                Set.of(ShareableField.NARRATIVE), null, DEADLINE, SLA));
    }

    @Test
    void a_cancelled_transfer_can_be_rerouted_too_even_to_the_same_partner() {
        fixture.given(policeTransfer(new TransferCancelledEvent(R, T, POLICE, SEALED)))
                .when(new RerouteTransferCommand(R, T, T2, POLICE, null, null, null, null), COORDINATOR)
                .expectEvents(new TransferReroutedEvent(R, T, T2),
                        new TransferRequestedEvent(R, T2, POLICE, PartnerKind.POLICE,
                                TransferPurpose.INVESTIGATION, LegalBasis.CONSENT, POLICE_FIELDS, null, DEADLINE, SLA));
    }

    static Stream<Arguments> transfersStillUnderWay() {
        return Stream.of(
                arguments((Object) policeTransfer()),
                arguments((Object) policeTransfer(acknowledged(POLICE))),
                arguments((Object) policeTransfer(acknowledged(POLICE), accepted(POLICE))));
    }

    @ParameterizedTest
    @MethodSource("transfersStillUnderWay")
    void a_transfer_still_under_way_is_not_rerouted(Object[] given) {
        fixture.given(given)
                .when(toChildUnit(null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.TRANSFER_NOT_REROUTABLE)
                .expectNoEvents();
    }

    @Test
    void a_transfer_is_rerouted_at_most_once() {
        fixture.given(policeTransfer(declinedByPolice(),
                        new TransferReroutedEvent(R, T, T2),
                        requested(T2, CHILD_UNIT, PartnerKind.CHILD_PROTECTION_UNIT, TransferPurpose.INVESTIGATION,
                                LegalBasis.CONSENT, POLICE_FIELDS)))
                .when(new RerouteTransferCommand(R, T, T3, CHILD_UNIT, TransferPurpose.CHILD_PROTECTION_ASSESSMENT,
                        null, null, null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.TRANSFER_ALREADY_REROUTED)
                .expectNoEvents();
    }

    @Test
    void the_replacement_that_came_to_nothing_is_rerouted_from_itself() {
        fixture.given(policeTransfer(declinedByPolice(),
                        new TransferReroutedEvent(R, T, T2),
                        requested(T2, CHILD_UNIT, PartnerKind.CHILD_PROTECTION_UNIT, TransferPurpose.INVESTIGATION,
                                LegalBasis.CONSENT, POLICE_FIELDS),
                        new TransferDeclinedEvent(R, T2, CHILD_UNIT, SEALED)))
                .when(new RerouteTransferCommand(R, T2, T3, POLICE, TransferPurpose.CHILD_PROTECTION_ASSESSMENT,
                        null, null, null), COORDINATOR)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TransferReroutedEvent(R, T2, T3),
                        new TransferRequestedEvent(R, T3, POLICE, PartnerKind.POLICE,
                                TransferPurpose.CHILD_PROTECTION_ASSESSMENT, LegalBasis.CONSENT, POLICE_FIELDS, null,
                                DEADLINE, SLA));
    }

    @Test
    void the_new_transfer_goes_through_the_same_gate_as_any_request() {
        fixture.given(policeTransfer(declinedByPolice()))
                .when(new RerouteTransferCommand(R, T, T2, SUSPENDED, null, null, null, null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.PARTNER_NOT_ACTIVE)
                .expectNoEvents();
    }

    @Test
    void the_defaults_are_checked_against_the_new_partners_agreement() {
        // the association covers neither an investigation nor the content of a police transfer
        fixture.given(policeTransfer(declinedByPolice()))
                .when(new RerouteTransferCommand(R, T, T2, ASSOCIATION, null, null, null, null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.AGREEMENT_PURPOSE_NOT_COVERED)
                .expectNoEvents();
    }

    @Test
    void the_legal_basis_is_checked_again_consent_withdrawn_since_the_first_transfer() {
        fixture.given(policeTransfer(declinedByPolice(), new ConsentWithdrawnEvent(R, SEALED)))
                .when(toChildUnit(null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.CONSENT_REQUIRED)
                .expectNoEvents();
    }

    @Test
    void one_open_transfer_per_partner_and_purpose_holds_for_a_reroute() {
        fixture.given(policeTransfer(declinedByPolice(),
                        requested(T3, CHILD_UNIT, PartnerKind.CHILD_PROTECTION_UNIT, TransferPurpose.INVESTIGATION,
                                LegalBasis.CONSENT, POLICE_FIELDS)))
                .when(toChildUnit(null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.TRANSFER_ALREADY_OPEN)
                .expectNoEvents();
    }

    @Test
    void rerouting_an_unknown_transfer_is_rejected() {
        fixture.given(received(), triaged(RiskLevel.HIGH))
                .when(toChildUnit(null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.TRANSFER_NOT_FOUND)
                .expectNoEvents();
    }

    @Test
    void the_new_transfer_id_must_be_new() {
        fixture.given(policeTransfer(declinedByPolice()))
                .when(new RerouteTransferCommand(R, T, T, CHILD_UNIT, null, null, null, null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.TRANSFER_ALREADY_EXISTS)
                .expectNoEvents();
    }

    @Test
    void a_closed_case_is_not_rerouted() {
        fixture.given(policeTransfer(declinedByPolice(), new ReferralClosedEvent(R, ClosureOutcome.REFERRED, null)))
                .when(toChildUnit(null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.REFERRAL_CLOSED)
                .expectNoEvents();
    }
}
