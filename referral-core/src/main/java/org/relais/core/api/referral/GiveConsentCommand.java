package org.relais.core.api.referral;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The victim, or the legal guardian of a minor, agrees to the case being shared with partners. */
public record GiveConsentCommand(@TargetAggregateIdentifier String referralId, String givenBy) {

    @Override
    public String toString() {
        return "GiveConsentCommand[referralId=" + referralId + "]";
    }
}
