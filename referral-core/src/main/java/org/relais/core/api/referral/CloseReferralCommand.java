package org.relais.core.api.referral;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A coordinator ends the handling of a case. {@code duplicateOf} (a reference such as {@code R-2026-000123}, with or
 * without the {@code R-}, or an id) names the case this one repeats; it is required for, and only for, the outcome
 * {@link ClosureOutcome#DUPLICATE}.
 */
public record CloseReferralCommand(@TargetAggregateIdentifier String referralId, ClosureOutcome outcome, String note,
                                   String duplicateOf) {

    public CloseReferralCommand(String referralId, ClosureOutcome outcome, String note) {
        this(referralId, outcome, note, null);
    }

    @Override
    public String toString() {
        return "CloseReferralCommand[referralId=" + referralId + ", outcome=" + outcome + ", duplicateOf="
                + duplicateOf + "]";
    }
}
