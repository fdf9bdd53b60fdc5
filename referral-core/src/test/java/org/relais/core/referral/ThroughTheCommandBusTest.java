package org.relais.core.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relais.core.referral.ReferralScenarios.NOW;
import static org.relais.core.referral.ReferralScenarios.POLICE;
import static org.relais.core.referral.ReferralScenarios.liaisonOf;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AcknowledgeTransferCommand;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.CommandResult;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.GiveConsentCommand;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.referral.ReceiveReferralCommand;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.referral.RequestTransferCommand;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TriageReferralCommand;
import org.relais.core.privacy.RetentionPeriod;
import org.relais.core.testing.MutableClock;
import org.relais.core.testing.RecordingContactIndex;
import org.relais.core.testing.TestPrivacy;

/**
 * The fixture proves the rules; this proves the wiring the application relies on, through a real command bus and
 * event store: collaborators resolved as resources, actor metadata read from the message, the error code carried by
 * the exception, and the version answered once the events are stored.
 */
class ThroughTheCommandBusTest {

    private static final String R = "r-bus";

    private EventStore eventStore;
    private CommandGateway gateway;

    @BeforeEach
    void setUp() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        ParameterResolverFactory resources = MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(Referral.class),
                new SimpleResourceParameterResolverFactory(List.of(TestPrivacy.protector(),
                        ReferralScenarios.partners(), new MutableClock(NOW), (ReferenceAllocator) year -> 42L,
                        new RetentionPeriod(ReferralScenarios.RETENTION), ReferralScenarios.cases(), new RecordingContactIndex())));
        AggregateModel<Referral> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(Referral.class, resources);
        EventSourcingRepository<Referral> repository = EventSourcingRepository.builder(Referral.class)
                .aggregateModel(model)
                .eventStore(eventStore)
                .build();
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        AggregateAnnotationCommandHandler.<Referral>builder()
                .aggregateType(Referral.class)
                .aggregateModel(model)
                .repository(repository)
                .build()
                .subscribe(commandBus);
        gateway = DefaultCommandGateway.builder().commandBus(commandBus).build();
    }

    private CommandResult send(Object command, Map<String, ?> metaData) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }

    @Test
    void a_case_goes_from_intake_to_an_acknowledged_transfer_and_a_stranger_is_turned_away() {
        Map<String, ?> coordinator = ReferralScenarios.COORDINATOR;
        send(new ReceiveReferralCommand(R, Channel.CHAT, ReporterRole.VICTIM, AgeBand.AGE_15_17,
                Set.of(Category.CYBERHARASSMENT), new PersonalDetails("Léa", null, null, null, "story", null)),
                coordinator);
        send(new TriageReferralCommand(R, RiskLevel.HIGH, null, null), coordinator);
        send(new GiveConsentCommand(R, "Léa"), coordinator);
        send(new RequestTransferCommand(R, "t-1", POLICE, TransferPurpose.INVESTIGATION, LegalBasis.CONSENT,
                Set.of(ShareableField.NARRATIVE), "please call"), coordinator);

        CommandResult acknowledged = send(new AcknowledgeTransferCommand(R, "t-1"), liaisonOf(POLICE));

        assertThat(acknowledged).isEqualTo(new CommandResult(R, 4));
        List<? extends DomainEventMessage<?>> stored = eventStore.readEvents(R).asStream().toList();
        assertThat(stored).hasSize(5);
        assertThat(stored.get(4).getPayload()).isEqualTo(new TransferAcknowledgedEvent(R, "t-1", POLICE, false));

        assertThatThrownBy(() -> send(new AcknowledgeTransferCommand(R, "t-1"), liaisonOf("p-platform")))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_LIAISON_OF_PARTNER));
        assertThat(eventStore.readEvents(R).asStream().count()).isEqualTo(5);
    }
}
