package org.relais.core.api.query;

import java.time.Instant;

/**
 * A page of the audit trail in the order things happened, filtered by any of: the referral, the acting user, and an
 * interval {@code [from, to)} of event times (null = any).
 */
public record FindAuditTrailQuery(String referralId, String actor, Instant from, Instant to, int page, int size) {
}
