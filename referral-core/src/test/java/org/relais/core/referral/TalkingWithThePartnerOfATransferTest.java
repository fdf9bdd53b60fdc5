package org.relais.core.referral;

import static org.relais.core.referral.ReferralScenarios.COORDINATOR;
import static org.relais.core.referral.ReferralScenarios.LIAISON;
import static org.relais.core.referral.ReferralScenarios.NOW;
import static org.relais.core.referral.ReferralScenarios.PLATFORM;
import static org.relais.core.referral.ReferralScenarios.POLICE;
import static org.relais.core.referral.ReferralScenarios.R;
import static org.relais.core.referral.ReferralScenarios.SEALED;
import static org.relais.core.referral.ReferralScenarios.T;
import static org.relais.core.referral.ReferralScenarios.accepted;
import static org.relais.core.referral.ReferralScenarios.acknowledged;
import static org.relais.core.referral.ReferralScenarios.liaisonOf;
import static org.relais.core.referral.ReferralScenarios.policeTransfer;

import java.util.Map;
import java.util.Set;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.ConsentWithdrawnEvent;
import org.relais.core.api.referral.ConversationSide;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.partner.PartnerStatus;
import org.relais.core.api.referral.PostTransferMessageCommand;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralErasureRequestedEvent;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferMessagePostedEvent;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.testing.InMemoryPartnerDirectory;
import org.relais.core.testing.MutableClock;
import org.relais.core.testing.TestPrivacy;
import org.relais.core.testing.Unsealed;

/**
 * The conversation of one transfer: the coordination and the addressed partner's liaisons write in it while the
 * partner can read the case; nobody else does, and nothing is written once the partner has lost the case.
 */
class TalkingWithThePartnerOfATransferTest {

    private static final String M = "m-1";

    private final PersonalDataProtector protector = TestPrivacy.protector();
    private final MutableClock clock = new MutableClock(NOW);
    private FixtureConfiguration<Referral> fixture;

    @BeforeEach
    void setUp() {
        fixture = ReferralScenarios.fixture(protector, clock);
    }

    @Test
    void givenARequestedTransfer_whenTheCoordinatorWrites_thenTheMessageIsPostedFromTheCoordinationSealedToTheTransfer() {
        fixture.given(policeTransfer())
                .when(new PostTransferMessageCommand(R, T, M, "Can you call the mother before 6 pm?"), COORDINATOR)
                .expectEventsMatching(Unsealed.events(protector, new TransferMessagePostedEvent(R, T, POLICE, M,
                        ConversationSide.COORDINATION, "Can you call the mother before 6 pm?")));
    }

    @Test
    void givenAnAcceptedTransfer_whenItsPartnersLiaisonWrites_thenTheMessageIsPostedFromThePartner() {
        fixture.given(policeTransfer(acknowledged(POLICE), accepted(POLICE)))
                .when(new PostTransferMessageCommand(R, T, M, "Hearing set for Monday"), liaisonOf(POLICE))
                .expectEventsMatching(Unsealed.events(protector, new TransferMessagePostedEvent(R, T, POLICE, M,
                        ConversationSide.PARTNER, "Hearing set for Monday")));
    }

    @Test
    void givenACompletedTransferOfAClosedCase_whenThePartnerFollowsUp_thenTheMessageIsPosted() {
        fixture.given(policeTransfer(acknowledged(POLICE), accepted(POLICE),
                        new TransferCompletedEvent(R, T, POLICE, TransferOutcome.INVESTIGATION_OPENED, null, null),
                        new ReferralClosedEvent(R, ClosureOutcome.REFERRED, null)))
                .when(new PostTransferMessageCommand(R, T, M, "Suspect identified"), liaisonOf(POLICE))
                .expectEventsMatching(Unsealed.events(protector, new TransferMessagePostedEvent(R, T, POLICE, M,
                        ConversationSide.PARTNER, "Suspect identified")));
    }

    @Test
    void givenATransferToThePolice_whenALiaisonOfAnotherPartnerWrites_thenItIsRefusedAsNotTheirs() {
        fixture.given(policeTransfer())
                .when(new PostTransferMessageCommand(R, T, M, "hello"), liaisonOf(PLATFORM))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.NOT_LIAISON_OF_PARTNER)
                .expectNoEvents();
    }

    @Test
    void givenATransfer_whenAnAuditorWrites_thenItIsRefused() {
        fixture.given(policeTransfer())
                .when(new PostTransferMessageCommand(R, T, M, "hello"),
                        Map.of(ActorMetadata.ROLE, "AUDITOR", ActorMetadata.USER, "auditor"))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.NOT_LIAISON_OF_PARTNER)
                .expectNoEvents();
    }

    @Test
    void givenASuspendedPartner_whenItsLiaisonWrites_thenItIsRefused() {
        InMemoryPartnerDirectory partners = ReferralScenarios.partners()
                .with(ReferralScenarios.police(PartnerStatus.SUSPENDED, Set.of(LIAISON)));
        ReferralScenarios.fixture(protector, clock, partners)
                .given(policeTransfer())
                .when(new PostTransferMessageCommand(R, T, M, "hello"), liaisonOf(POLICE))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.PARTNER_NOT_ACTIVE)
                .expectNoEvents();
    }

    @Test
    void givenADeclinedTransfer_whenEitherSideWrites_thenTheConversationIsClosed() {
        fixture.given(policeTransfer(new TransferDeclinedEvent(R, T, POLICE, SEALED)))
                .when(new PostTransferMessageCommand(R, T, M, "why?"), liaisonOf(POLICE))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.TRANSFER_STATE_INVALID)
                .expectNoEvents();
        fixture.given(policeTransfer(new TransferDeclinedEvent(R, T, POLICE, SEALED)))
                .when(new PostTransferMessageCommand(R, T, M, "why?"), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.TRANSFER_STATE_INVALID)
                .expectNoEvents();
    }

    @Test
    void givenACancelledTransfer_whenThePartnerWrites_thenItIsRefused() {
        fixture.given(policeTransfer(new TransferCancelledEvent(R, T, POLICE, SEALED)))
                .when(new PostTransferMessageCommand(R, T, M, "still there?"), liaisonOf(POLICE))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.TRANSFER_STATE_INVALID)
                .expectNoEvents();
    }

    @Test
    void givenConsentWithdrawnAfterAConsentedTransfer_whenThePartnerWrites_thenItIsRefused() {
        fixture.given(policeTransfer(new ConsentWithdrawnEvent(R, SEALED)))
                .when(new PostTransferMessageCommand(R, T, M, "hello"), liaisonOf(POLICE))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.CONSENT_NOT_GIVEN)
                .expectNoEvents();
    }

    @Test
    void givenAnErasedCase_whenTheCoordinatorWrites_thenItIsRefused() {
        fixture.given(policeTransfer(new ReferralErasureRequestedEvent(R, null)))
                .when(new PostTransferMessageCommand(R, T, M, "hello"), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.REFERRAL_ERASED)
                .expectNoEvents();
    }

    @Test
    void givenATransfer_whenAMessageIsBlank_thenItIsRefusedAsInvalid() {
        fixture.given(policeTransfer())
                .when(new PostTransferMessageCommand(R, T, M, " "), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.INVALID_INPUT)
                .expectNoEvents();
    }

    @Test
    void givenACase_whenAMessageNamesAnUnknownTransfer_thenItIsRefused() {
        fixture.given(policeTransfer())
                .when(new PostTransferMessageCommand(R, "t-unknown", M, "hello"), COORDINATOR)
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.TRANSFER_NOT_FOUND)
                .expectNoEvents();
    }
}
