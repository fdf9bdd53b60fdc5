package org.relais.core.api.referral;

import java.util.Set;

import org.axonframework.serialization.Revision;
import org.relais.core.api.Category;
import org.relais.core.api.EnumSets;

/** A case was triaged; {@code categories} and {@code ageBand} are the values in force after the triage. */
@Revision("1")
public record ReferralTriagedEvent(String referralId, RiskLevel riskLevel, Set<Category> categories, AgeBand ageBand) {

    public ReferralTriagedEvent {
        categories = EnumSets.copyOf(categories, Category.class);
    }
}
