package org.relais.app.support;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.CommandResult;
import org.relais.core.api.referral.GiveConsentCommand;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.referral.ReceiveReferralCommand;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.referral.RequestTransferCommand;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.ShareableField;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TriageReferralCommand;

/** Sends commands through the real gateway as a given actor, and sets up common cases. */
public final class Commands {

    public static final Map<String, String> COORDINATOR = Map.of(ActorMetadata.USER, "coordinator",
            ActorMetadata.ROLE, "COORDINATOR");

    private final CommandGateway gateway;

    public Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public static Map<String, String> liaison(String user, String partnerId) {
        return Map.of(ActorMetadata.USER, user, ActorMetadata.ROLE, "LIAISON", ActorMetadata.PARTNER, partnerId);
    }

    public CommandResult send(Object command, Map<String, ?> actor) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(actor));
    }

    /** A triaged, consented case about online content, ready for a transfer; answers its id. */
    public String consentedOnlineCase(String victimName) {
        String referralId = UUID.randomUUID().toString();
        send(new ReceiveReferralCommand(referralId, Channel.WEB_FORM, ReporterRole.VICTIM, AgeBand.AGE_15_17,
                Set.of(Category.CYBERHARASSMENT), new PersonalDetails(victimName, "06 00 00 00 00", null, null,
                        "Harassed in comments", List.of("https://social.example/p/9"))), COORDINATOR);
        send(new TriageReferralCommand(referralId, RiskLevel.HIGH, null, null), COORDINATOR);
        send(new GiveConsentCommand(referralId, "the victim"), COORDINATOR);
        return referralId;
    }

    public void requestTransfer(String referralId, String transferId, String partnerId, TransferPurpose purpose,
                                Set<ShareableField> fields) {
        send(new RequestTransferCommand(referralId, transferId, partnerId, purpose, LegalBasis.CONSENT, fields, null),
                COORDINATOR);
    }
}
