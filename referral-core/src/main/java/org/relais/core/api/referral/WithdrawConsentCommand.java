package org.relais.core.api.referral;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The person who consented (or the guardian) takes the consent back; transfers already made are not undone. */
public record WithdrawConsentCommand(@TargetAggregateIdentifier String referralId, String givenBy) {

    @Override
    public String toString() {
        return "WithdrawConsentCommand[referralId=" + referralId + "]";
    }
}
