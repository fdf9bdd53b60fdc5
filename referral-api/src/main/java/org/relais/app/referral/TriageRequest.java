package org.relais.app.referral;

import java.util.Set;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.RiskLevel;

/** A triage: the risk, and categories or age band only when they correct what intake recorded. */
record TriageRequest(@NotNull RiskLevel riskLevel, @Size(max = 11) Set<@NotNull Category> categories, AgeBand ageBand) {
}
