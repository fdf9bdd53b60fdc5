package org.relais.core.api.referral;

import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.relais.core.api.Category;
import org.relais.core.api.EnumSets;

/**
 * A coordinator assesses the risk of a case; {@code categories} (empty or null) and {@code ageBand} (null) are only
 * given when the triage corrects what intake recorded.
 */
public record TriageReferralCommand(@TargetAggregateIdentifier String referralId,
                                    RiskLevel riskLevel,
                                    Set<Category> categories,
                                    AgeBand ageBand) {

    public TriageReferralCommand {
        categories = EnumSets.copyOf(categories, Category.class);
    }
}
