package org.relais.core.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A coordinator ends the handling of a case. */
public record CloseReferralCommand(@TargetAggregateIdentifier String referralId, ClosureOutcome outcome, String note) {

    @Override
    public String toString() {
        return "CloseReferralCommand[referralId=" + referralId + ", outcome=" + outcome + "]";
    }
}
