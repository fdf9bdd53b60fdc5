package org.relais.core.api.referral;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A liaison of the addressed partner turns the transfer down, saying why, so the coordinator can re-route. */
public record DeclineTransferCommand(@TargetAggregateIdentifier String referralId, String transferId, String reason) {

    @Override
    public String toString() {
        return "DeclineTransferCommand[referralId=" + referralId + ", transferId=" + transferId + "]";
    }
}
