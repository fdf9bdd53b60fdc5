package org.relais.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AcceptTransferCommand;
import org.relais.core.api.referral.AcknowledgeTransferCommand;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.partner.RegisterPartnerCommand;
import org.relais.core.api.partner.ServiceHours;
import org.relais.core.api.partner.SignAgreementCommand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.CloseReferralCommand;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.CommandResult;
import org.relais.core.api.referral.CompleteTransferCommand;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.referral.ReceiveReferralCommand;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.referral.RequestTransferCommand;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.ShareableField;
import org.relais.core.api.partner.SuspendAgreementCommand;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.api.referral.TriageReferralCommand;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A case from intake to closure through the real command bus, the real SQLite event store and the partners the demo
 * profile seeded through the same bus: the aggregates get their clock, key store, reference allocator and partner
 * directory from the application context, and the actor from metadata.
 */
@SpringBootTest
@ActiveProfiles("demo")
class WholeLifecycleThroughTheRealBusTest {

    private static final Map<String, String> COORDINATOR = Map.of(ActorMetadata.USER, "coordinator",
            ActorMetadata.ROLE, "COORDINATOR");
    private static final Map<String, String> POLICE = Map.of(ActorMetadata.USER, "police",
            ActorMetadata.ROLE, "LIAISON", ActorMetadata.PARTNER, "demo-police-minors");
    private static final Map<String, String> PLATFORM = Map.of(ActorMetadata.USER, "platform",
            ActorMetadata.ROLE, "LIAISON", ActorMetadata.PARTNER, "demo-platform");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("lifecycle").toString());
    }

    @Autowired
    CommandGateway commands;

    @Autowired
    EventStore eventStore;

    @Autowired
    Clock clock;

    @Test
    void a_minors_case_goes_to_the_police_without_consent_and_is_closed_once_they_report() {
        String referralId = UUID.randomUUID().toString();
        send(new ReceiveReferralCommand(referralId, Channel.ACCESSIBLE_SIGN_LANGUAGE, ReporterRole.PARENT_OR_GUARDIAN,
                AgeBand.AGE_11_14, Set.of(Category.SEXTORTION), new PersonalDetails("Sam", "06", "Alex", "a@example.org",
                        "Threats to publish photos", List.of("https://social.example/u/x"))), COORDINATOR);
        send(new TriageReferralCommand(referralId, RiskLevel.HIGH, null, null), COORDINATOR);

        CommandResult requested = send(new RequestTransferCommand(referralId, "t-1", "demo-police-minors",
                TransferPurpose.INVESTIGATION, LegalBasis.MANDATORY_REPORT,
                Set.of(ShareableField.VICTIM_NAME, ShareableField.NARRATIVE), "Urgent: minor threatened"), COORDINATOR);
        assertThat(requested.version()).isEqualTo(2);

        assertThatThrownBy(() -> send(new AcknowledgeTransferCommand(referralId, "t-1"), PLATFORM))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_LIAISON_OF_PARTNER));
        assertThatThrownBy(() -> send(new RequestTransferCommand(referralId, "t-2", "demo-helpline",
                TransferPurpose.CONTENT_REMOVAL, LegalBasis.CONSENT, Set.of(ShareableField.CONTENT_URLS), null),
                COORDINATOR))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONSENT_REQUIRED));

        send(new AcknowledgeTransferCommand(referralId, "t-1"), POLICE);
        send(new AcceptTransferCommand(referralId, "t-1"), POLICE);
        send(new CompleteTransferCommand(referralId, "t-1", TransferOutcome.INVESTIGATION_OPENED, null, "Case 42"),
                POLICE);
        CommandResult closed = send(new CloseReferralCommand(referralId, ClosureOutcome.REFERRED, null), COORDINATOR);

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(referralId).asStream().toList();
        assertThat(closed.version()).isEqualTo(events.size() - 1);
        assertThat(events).extracting(event -> event.getPayloadType().getSimpleName()).containsExactly(
                "ReferralReceivedEvent", "ReferralTriagedEvent", "TransferRequestedEvent", "TransferAcknowledgedEvent",
                "TransferAcceptedEvent", "TransferCompletedEvent", "ReferralClosedEvent");
        assertThat(events.get(3).getMetaData()).containsEntry(ActorMetadata.USER, "police")
                .containsEntry(ActorMetadata.PARTNER, "demo-police-minors");
        TransferRequestedEvent transfer = (TransferRequestedEvent) events.get(2).getPayload();
        // the police office of the demo is always open: the deadline is the request time plus the 4-hour SLA
        assertThat(transfer.sla()).isEqualTo(Duration.ofHours(4));
        assertThat(transfer.deadline()).isCloseTo(events.get(2).getTimestamp().plus(transfer.sla()),
                within(2, ChronoUnit.SECONDS));
        assertThat(transfer.message()).startsWith("v2:");
    }

    @Test
    void a_transfer_requested_after_the_partners_suspension_was_stored_is_rejected_at_once() {
        String referralId = UUID.randomUUID().toString();
        send(new ReceiveReferralCommand(referralId, Channel.PHONE, ReporterRole.VICTIM, AgeBand.AGE_15_17,
                Set.of(Category.CYBERHARASSMENT), new PersonalDetails(null, null, null, null, null, List.of())),
                COORDINATOR);
        send(new TriageReferralCommand(referralId, RiskLevel.MODERATE, null, null), COORDINATOR);
        String partnerId = "police-" + UUID.randomUUID();
        Map<String, String> admin = Map.of(ActorMetadata.USER, "admin", ActorMetadata.ROLE, "ADMIN");
        LocalDate today = LocalDate.now(clock);
        send(new RegisterPartnerCommand(partnerId, "Commissariat (test)", PartnerKind.POLICE), admin);
        send(new SignAgreementCommand(partnerId, new AgreementTerms(today, today, null, Set.of(Category.CYBERHARASSMENT),
                Set.of(TransferPurpose.INVESTIGATION), Set.of(), Duration.ofHours(4),
                ServiceHours.alwaysOpen("Europe/Paris"))), admin);
        send(new SuspendAgreementCommand(partnerId, "Agreement under review"), admin);

        assertThatThrownBy(() -> send(new RequestTransferCommand(referralId, "t-1", partnerId,
                TransferPurpose.INVESTIGATION, LegalBasis.MANDATORY_REPORT, Set.of(), null), COORDINATOR))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PARTNER_NOT_ACTIVE));
    }

    private CommandResult send(Object command, Map<String, ?> actor) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(actor));
    }
}
