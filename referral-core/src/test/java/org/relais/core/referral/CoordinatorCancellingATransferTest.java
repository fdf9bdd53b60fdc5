package org.relais.core.referral;

import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.relais.core.referral.ReferralScenarios.COORDINATOR;
import static org.relais.core.referral.ReferralScenarios.NOW;
import static org.relais.core.referral.ReferralScenarios.POLICE;
import static org.relais.core.referral.ReferralScenarios.R;
import static org.relais.core.referral.ReferralScenarios.SEALED;
import static org.relais.core.referral.ReferralScenarios.T;
import static org.relais.core.referral.ReferralScenarios.accepted;
import static org.relais.core.referral.ReferralScenarios.acknowledged;
import static org.relais.core.referral.ReferralScenarios.policeTransfer;

import java.util.stream.Stream;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.relais.core.api.referral.CancelTransferCommand;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.testing.MutableClock;
import org.relais.core.testing.TestPrivacy;
import org.relais.core.testing.Unsealed;

class CoordinatorCancellingATransferTest {

    private final PersonalDataProtector protector = TestPrivacy.protector();
    private FixtureConfiguration<Referral> fixture;

    @BeforeEach
    void setUp() {
        fixture = ReferralScenarios.fixture(protector, new MutableClock(NOW));
    }

    static Stream<Arguments> transfersUnderWay() {
        return Stream.of(
                arguments((Object) policeTransfer()),
                arguments((Object) policeTransfer(acknowledged(POLICE))),
                arguments((Object) policeTransfer(acknowledged(POLICE), accepted(POLICE))));
    }

    @ParameterizedTest
    @MethodSource("transfersUnderWay")
    void coordinator_cancels_a_transfer_under_way_with_a_sealed_reason(Object[] given) {
        fixture.given(given)
                .when(new CancelTransferCommand(R, T, "Victim moved abroad"), COORDINATOR)
                .expectEventsMatching(Unsealed.events(protector,
                        new TransferCancelledEvent(R, T, POLICE, "Victim moved abroad")));
    }

    static Stream<Arguments> endedTransfers() {
        return Stream.of(
                arguments((Object) policeTransfer(new TransferDeclinedEvent(R, T, POLICE, SEALED))),
                arguments((Object) policeTransfer(new TransferCancelledEvent(R, T, POLICE, SEALED))),
                arguments((Object) policeTransfer(acknowledged(POLICE), accepted(POLICE),
                        new TransferCompletedEvent(R, T, POLICE, TransferOutcome.NO_FURTHER_ACTION, null, null))));
    }

    @ParameterizedTest
    @MethodSource("endedTransfers")
    void cancelling_a_transfer_that_already_ended_is_rejected(Object[] given) {
        fixture.given(given)
                .when(new CancelTransferCommand(R, T, "too late"), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.TRANSFER_STATE_INVALID)
                .expectNoEvents();
    }

    @Test
    void cancellation_without_a_reason_is_rejected() {
        fixture.given(policeTransfer())
                .when(new CancelTransferCommand(R, T, null), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.REASON_REQUIRED)
                .expectNoEvents();
    }

    @Test
    void cancelling_an_unknown_transfer_is_rejected() {
        fixture.given(policeTransfer())
                .when(new CancelTransferCommand(R, "t-unknown", "typo"), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.TRANSFER_NOT_FOUND)
                .expectNoEvents();
    }
}
