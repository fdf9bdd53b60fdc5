package org.relais.core.api.query;

import java.time.Instant;

/** The whole case as it stood at {@code asOf}, replayed from the event store; personal data still sealed. */
public record FindReferralAsOfQuery(String referralId, Instant asOf) {
}
