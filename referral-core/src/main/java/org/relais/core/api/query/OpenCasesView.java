package org.relais.core.api.query;

import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.referral.RiskLevel;

/** How many open (not closed) cases have this status and risk; {@code riskLevel} is null before triage. */
public record OpenCasesView(ReferralStatus status, RiskLevel riskLevel, long count) {
}
