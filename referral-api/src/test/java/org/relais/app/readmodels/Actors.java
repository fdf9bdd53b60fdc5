package org.relais.app.readmodels;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.CommandResult;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.referral.ReceiveReferralCommand;
import org.relais.core.api.referral.ReporterRole;

/** Commands sent through the real bus as the demo users send them (actor in metadata). */
final class Actors {

    static final Map<String, String> COORDINATOR = Map.of(ActorMetadata.USER, "coordinator",
            ActorMetadata.ROLE, "COORDINATOR");
    static final Map<String, String> POLICE = Map.of(ActorMetadata.USER, "police",
            ActorMetadata.ROLE, "LIAISON", ActorMetadata.PARTNER, "demo-police-minors");
    static final Map<String, String> HELPLINE = Map.of(ActorMetadata.USER, "helpline",
            ActorMetadata.ROLE, "LIAISON", ActorMetadata.PARTNER, "demo-helpline");
    static final Map<String, String> PLATFORM = Map.of(ActorMetadata.USER, "platform",
            ActorMetadata.ROLE, "LIAISON", ActorMetadata.PARTNER, "demo-platform");
    static final Map<String, String> SYSTEM = Map.of(ActorMetadata.USER, "system", ActorMetadata.ROLE, "SYSTEM");

    private final CommandGateway commands;

    Actors(CommandGateway commands) {
        this.commands = commands;
    }

    CommandResult send(Object command, Map<String, ?> actor) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(actor));
    }

    CommandResult intake(String referralId, Channel channel, AgeBand ageBand, Category... categories) {
        return send(new ReceiveReferralCommand(referralId, channel, ReporterRole.VICTIM, ageBand, Set.of(categories),
                new PersonalDetails("Sam Exemple", "06 00 00 00 00", null, null, "Messages every night",
                        List.of("https://social.example/p/1"))), COORDINATOR);
    }
}
