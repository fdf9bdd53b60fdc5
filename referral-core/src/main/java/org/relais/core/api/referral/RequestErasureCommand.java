package org.relais.core.api.referral;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks for the personal data of a case to be erased, on a data-subject request or at retention expiry. */
public record RequestErasureCommand(@TargetAggregateIdentifier String referralId, String reason, ErasureGround ground) {

    @Override
    public String toString() {
        return "RequestErasureCommand[referralId=" + referralId + ", ground=" + ground + "]";
    }
}
