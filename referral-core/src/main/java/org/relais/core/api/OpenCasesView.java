package org.relais.core.api;

/** How many open (not closed) cases have this status and risk; {@code riskLevel} is null before triage. */
public record OpenCasesView(ReferralStatus status, RiskLevel riskLevel, long count) {
}
