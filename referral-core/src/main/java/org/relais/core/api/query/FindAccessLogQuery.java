package org.relais.core.api.query;

import java.time.Instant;

/** Reads of personal data, filtered by any of case, actor and time range (null = any), newest first. */
public record FindAccessLogQuery(String referralId, String actor, Instant from, Instant to, int page, int size) {
}
