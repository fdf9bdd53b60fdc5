package org.relais.core.api.query;

/**
 * The case list's line of the case with this reference, exactly as allocated ({@code R-2026-000123}); answered with
 * a {@link ReferralPageView} of that case alone, or of none.
 */
public record FindReferralByReferenceQuery(String reference) {
}
