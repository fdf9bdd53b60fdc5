package org.relais.core.api.referral;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A message in the conversation of one transfer, from the coordination or from a liaison of the addressed partner;
 * the side follows from who sends it (the actor metadata), never from the payload.
 */
public record PostTransferMessageCommand(@TargetAggregateIdentifier String referralId, String transferId,
                                         String messageId, String text) {

    @Override
    public String toString() {
        return "PostTransferMessageCommand[referralId=" + referralId + ", transferId=" + transferId
                + ", messageId=" + messageId + "]";
    }
}
