package org.relais.core.api.query;

/** The whole case as its detail read model holds it, personal data still sealed. */
public record FindReferralQuery(String referralId) {
}
