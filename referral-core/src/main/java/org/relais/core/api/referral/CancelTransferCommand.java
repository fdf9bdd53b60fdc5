package org.relais.core.api.referral;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A coordinator withdraws a transfer that is still under way. */
public record CancelTransferCommand(@TargetAggregateIdentifier String referralId, String transferId, String reason) {

    @Override
    public String toString() {
        return "CancelTransferCommand[referralId=" + referralId + ", transferId=" + transferId + "]";
    }
}
