package org.relais.core.api.referral;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A coordinator takes a closed case up again. */
public record ReopenReferralCommand(@TargetAggregateIdentifier String referralId, String reason) {

    @Override
    public String toString() {
        return "ReopenReferralCommand[referralId=" + referralId + "]";
    }
}
