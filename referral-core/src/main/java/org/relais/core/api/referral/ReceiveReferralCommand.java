package org.relais.core.api.referral;

import java.util.List;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.relais.core.api.Category;
import org.relais.core.api.EnumSets;

/** A coordinator takes in a case from any channel. */
public record ReceiveReferralCommand(@TargetAggregateIdentifier String referralId,
                                     Channel channel,
                                     ReporterRole reporterRole,
                                     AgeBand ageBand,
                                     Set<Category> categories,
                                     PersonalDetails personalDetails) {

    public ReceiveReferralCommand {
        categories = EnumSets.copyOf(categories, Category.class);
    }

    @Override
    public String toString() {
        return "ReceiveReferralCommand[referralId=" + referralId + ", channel=" + channel + ", categories="
                + categories + "]";
    }
}
