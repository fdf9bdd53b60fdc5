package org.relais.core.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relais.core.partner.PartnerTestData.CLOCK;
import static org.relais.core.partner.PartnerTestData.PARTNER_ID;
import static org.relais.core.partner.PartnerTestData.amendedTerms;
import static org.relais.core.partner.PartnerTestData.terms;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.partner.AgreementAmendedEvent;
import org.relais.core.api.partner.AgreementResumedEvent;
import org.relais.core.api.partner.AgreementSignedEvent;
import org.relais.core.api.partner.AgreementSuspendedEvent;
import org.relais.core.api.partner.AgreementTerminatedEvent;
import org.relais.core.api.partner.AttachLiaisonCommand;
import org.relais.core.api.CommandResult;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.partner.LiaisonAttachedEvent;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.partner.PartnerRegisteredEvent;
import org.relais.core.api.partner.PartnerStatus;
import org.relais.core.api.partner.RegisterPartnerCommand;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.partner.SignAgreementCommand;
import org.relais.core.api.partner.SuspendAgreementCommand;

class EventStorePartnerDirectoryTest {

    private final EmbeddedEventStore eventStore =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final PartnerDirectory directory = new EventStorePartnerDirectory(eventStore);
    private final AtomicLong sequence = new AtomicLong();

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
    }

    @Test
    void unknown_partner_has_no_terms() {
        assertThat(directory.currentTerms("p-unknown")).isEmpty();
    }

    @Test
    void registered_partner_is_active_without_an_agreement_until_it_signs() {
        append(new PartnerRegisteredEvent(PARTNER_ID, "Helpline association", PartnerKind.HELPLINE));

        assertThat(directory.currentTerms(PARTNER_ID))
                .contains(new PartnerTerms(PARTNER_ID, PartnerKind.HELPLINE, PartnerStatus.ACTIVE, null, Set.of(),
                        "Helpline association"));

        append(new AgreementSignedEvent(PARTNER_ID, terms()));

        assertThat(directory.currentTerms(PARTNER_ID))
                .contains(new PartnerTerms(PARTNER_ID, PartnerKind.HELPLINE, PartnerStatus.ACTIVE, terms(), Set.of(),
                        "Helpline association"));
    }

    @Test
    void suspension_is_visible_as_soon_as_it_is_stored() {
        append(new PartnerRegisteredEvent(PARTNER_ID, "Helpline association", PartnerKind.HELPLINE));
        append(new AgreementSignedEvent(PARTNER_ID, terms()));
        append(new AgreementSuspendedEvent(PARTNER_ID, "Audit"));

        assertThat(directory.currentTerms(PARTNER_ID)).map(PartnerTerms::status).contains(PartnerStatus.SUSPENDED);
    }

    @Test
    void terms_follow_amendments_resumptions_and_termination() {
        append(new PartnerRegisteredEvent(PARTNER_ID, "Helpline association", PartnerKind.HELPLINE));
        append(new AgreementSignedEvent(PARTNER_ID, terms()));
        append(new AgreementSuspendedEvent(PARTNER_ID, "Audit"));
        append(new AgreementAmendedEvent(PARTNER_ID, amendedTerms()));
        append(new AgreementResumedEvent(PARTNER_ID, null));
        append(new LiaisonAttachedEvent(PARTNER_ID, "helpline"));

        assertThat(directory.currentTerms(PARTNER_ID))
                .contains(new PartnerTerms(PARTNER_ID, PartnerKind.HELPLINE, PartnerStatus.ACTIVE, amendedTerms(),
                        Set.of("helpline"), "Helpline association"));

        append(new AgreementTerminatedEvent(PARTNER_ID, "Association dissolved"));

        assertThat(directory.currentTerms(PARTNER_ID)).map(PartnerTerms::status).contains(PartnerStatus.TERMINATED);
    }

    @Test
    void snapshot_does_not_hide_the_history() {
        append(new PartnerRegisteredEvent(PARTNER_ID, "Helpline association", PartnerKind.HELPLINE));
        append(new AgreementSignedEvent(PARTNER_ID, terms()));
        eventStore.storeSnapshot(new GenericDomainEventMessage<>("Partner", PARTNER_ID, 1, "a snapshot"));
        append(new AgreementSuspendedEvent(PARTNER_ID, "Audit"));

        assertThat(directory.currentTerms(PARTNER_ID))
                .contains(new PartnerTerms(PARTNER_ID, PartnerKind.HELPLINE, PartnerStatus.SUSPENDED, terms(), Set.of(),
                        "Helpline association"));
    }

    @Test
    void history_of_another_aggregate_is_no_partner() {
        append(new LiaisonAttachedEvent(PARTNER_ID, "helpline"));

        assertThat(directory.currentTerms(PARTNER_ID)).isEmpty();
    }

    @Test
    void suspension_sent_through_the_command_bus_is_seen_by_the_next_read() {
        CommandGateway gateway = partnerCommandGateway();

        gateway.sendAndWait(new RegisterPartnerCommand(PARTNER_ID, "Helpline association", PartnerKind.HELPLINE));
        gateway.sendAndWait(new SignAgreementCommand(PARTNER_ID, terms()));
        CommandResult suspended = gateway.sendAndWait(new SuspendAgreementCommand(PARTNER_ID, "Audit"));

        assertThat(suspended).isEqualTo(new CommandResult(PARTNER_ID, 2));
        assertThat(directory.currentTerms(PARTNER_ID)).map(PartnerTerms::status).contains(PartnerStatus.SUSPENDED);
        assertThatThrownBy(() -> gateway.sendAndWait(new SuspendAgreementCommand(PARTNER_ID, "Again")))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        rejected -> assertThat(rejected.code()).isEqualTo(ErrorCode.PARTNER_NOT_ACTIVE));
        assertThat(gateway.<CommandResult>sendAndWait(new AttachLiaisonCommand(PARTNER_ID, "helpline")))
                .isEqualTo(new CommandResult(PARTNER_ID, 3));
    }

    private CommandGateway partnerCommandGateway() {
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(Partner.class),
                new SimpleResourceParameterResolverFactory(List.of(CLOCK)));
        EventSourcingRepository<Partner> repository = EventSourcingRepository.builder(Partner.class)
                .eventStore(eventStore)
                .parameterResolverFactory(resolvers)
                .build();
        AggregateAnnotationCommandHandler.<Partner>builder()
                .aggregateType(Partner.class)
                .repository(repository)
                .parameterResolverFactory(resolvers)
                .build()
                .subscribe(commandBus);
        return DefaultCommandGateway.builder().commandBus(commandBus).build();
    }

    private void append(Object event) {
        eventStore.publish(new GenericDomainEventMessage<>("Partner", PARTNER_ID, sequence.getAndIncrement(), event));
    }
}
