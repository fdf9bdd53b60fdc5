package org.relais.app.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.partner.AttachLiaisonCommand;
import org.relais.core.api.partner.RegisterPartnerCommand;
import org.relais.core.api.partner.SignAgreementCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo partners through the real command bus, so that they are events like any other. Runs at every
 * start of the demo profile and adds only the partners that are not in the event store yet.
 */
@Component
@Profile("demo")
class DemoSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
    private static final Map<String, String> SYSTEM = Map.of(ActorMetadata.USER, "system:demo-seed",
            ActorMetadata.ROLE, "SYSTEM");

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final Clock clock;

    DemoSeeder(CommandGateway commands, EventStore eventStore, Clock clock) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (DemoPartners.DemoPartner partner : DemoPartners.all(LocalDate.now(clock))) {
            if (eventStore.lastSequenceNumberFor(partner.id()).isPresent()) {
                continue;
            }
            send(new RegisterPartnerCommand(partner.id(), partner.name(), partner.kind()));
            send(new SignAgreementCommand(partner.id(), partner.terms()));
            send(new AttachLiaisonCommand(partner.id(), partner.liaison()));
            log.info("Demo partner {} seeded", partner.id());
        }
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(SYSTEM));
    }
}
