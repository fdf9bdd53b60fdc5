package org.relais.core.referral;

import static org.relais.core.referral.ReferralScenarios.LIAISON;
import static org.relais.core.referral.ReferralScenarios.NOW;
import static org.relais.core.referral.ReferralScenarios.POLICE;
import static org.relais.core.referral.ReferralScenarios.R;
import static org.relais.core.referral.ReferralScenarios.SEALED;
import static org.relais.core.referral.ReferralScenarios.T;
import static org.relais.core.referral.ReferralScenarios.acknowledged;
import static org.relais.core.referral.ReferralScenarios.liaisonOf;
import static org.relais.core.referral.ReferralScenarios.policeTransfer;

import java.util.Set;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AcceptTransferCommand;
import org.relais.core.api.referral.AcknowledgeTransferCommand;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.CompleteTransferCommand;
import org.relais.core.api.referral.ConsentWithdrawnEvent;
import org.relais.core.api.referral.DeclineTransferCommand;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.partner.PartnerStatus;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.referral.TransferAcceptedEvent;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.referral.WithdrawConsentCommand;
import org.relais.core.partner.PartnerTerms;
import org.relais.core.testing.InMemoryPartnerDirectory;
import org.relais.core.testing.MutableClock;
import org.relais.core.testing.TestPrivacy;

/**
 * A liaison answers a transfer only while the directory has the account attached to the addressed partner and the
 * partner is not terminated; a suspended partner's liaison may acknowledge or decline but not take the case on;
 * consent withdrawn ends what a consented transfer can still become.
 */
class LiaisonAnsweringAsTheDirectorySaysTest {

    private static FixtureConfiguration<Referral> fixtureWith(PartnerTerms police) {
        return ReferralScenarios.fixture(TestPrivacy.protector(), new MutableClock(NOW),
                new InMemoryPartnerDirectory().with(police));
    }

    @Test
    void a_liaison_detached_from_the_partner_cannot_acknowledge_its_transfer() {
        fixtureWith(ReferralScenarios.police(PartnerStatus.ACTIVE, Set.of("someone-else")))
                .given(policeTransfer())
                .when(new AcknowledgeTransferCommand(R, T), liaisonOf(POLICE))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.NOT_LIAISON_OF_PARTNER)
                .expectNoEvents();
    }

    @Test
    void a_terminated_partners_liaison_cannot_answer() {
        fixtureWith(ReferralScenarios.police(PartnerStatus.TERMINATED, Set.of(LIAISON)))
                .given(policeTransfer())
                .when(new DeclineTransferCommand(R, T, "we closed"), liaisonOf(POLICE))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.NOT_LIAISON_OF_PARTNER)
                .expectNoEvents();
    }

    @Test
    void a_suspended_partners_liaison_acknowledges_without_the_case_data() {
        fixtureWith(ReferralScenarios.police(PartnerStatus.SUSPENDED, Set.of(LIAISON)))
                .given(policeTransfer())
                .when(new AcknowledgeTransferCommand(R, T), liaisonOf(POLICE))
                .expectEvents(new TransferAcknowledgedEvent(R, T, POLICE, false));
    }

    @Test
    void a_suspended_partners_liaison_cannot_take_the_case_on() {
        fixtureWith(ReferralScenarios.police(PartnerStatus.SUSPENDED, Set.of(LIAISON)))
                .given(policeTransfer(acknowledged(POLICE)))
                .when(new AcceptTransferCommand(R, T), liaisonOf(POLICE))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.PARTNER_NOT_ACTIVE)
                .expectNoEvents();
    }

    @Test
    void an_attached_liaison_of_an_active_partner_accepts() {
        fixtureWith(ReferralScenarios.police(PartnerStatus.ACTIVE, Set.of(LIAISON)))
                .given(policeTransfer(acknowledged(POLICE)))
                .when(new AcceptTransferCommand(R, T), liaisonOf(POLICE))
                .expectEvents(new TransferAcceptedEvent(R, T, POLICE));
    }

    @Test
    void a_consented_transfer_cannot_be_accepted_once_consent_is_withdrawn() {
        fixtureWith(ReferralScenarios.police(PartnerStatus.ACTIVE, Set.of(LIAISON)))
                .given(policeTransfer(acknowledged(POLICE), new ConsentWithdrawnEvent(R, SEALED)))
                .when(new AcceptTransferCommand(R, T), liaisonOf(POLICE))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.CONSENT_NOT_GIVEN)
                .expectNoEvents();
    }

    @Test
    void an_accepted_transfer_still_reports_its_outcome_after_consent_is_withdrawn() {
        fixtureWith(ReferralScenarios.police(PartnerStatus.ACTIVE, Set.of(LIAISON)))
                .given(policeTransfer(acknowledged(POLICE), ReferralScenarios.accepted(POLICE),
                        new ConsentWithdrawnEvent(R, SEALED)))
                .when(new CompleteTransferCommand(R, T, TransferOutcome.NO_FURTHER_ACTION, null, null),
                        liaisonOf(POLICE))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void consent_is_withdrawn_on_a_closed_case_too() {
        fixtureWith(ReferralScenarios.police(PartnerStatus.ACTIVE, Set.of(LIAISON)))
                .given(policeTransfer(acknowledged(POLICE), ReferralScenarios.accepted(POLICE),
                        new ReferralClosedEvent(R, ClosureOutcome.REFERRED, null)))
                .when(new WithdrawConsentCommand(R, "the mother"), ReferralScenarios.COORDINATOR)
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.instanceOf(ConsentWithdrawnEvent.class)),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }
}
