package org.relais.core.api.query;

import java.time.Instant;

/** Content-removal notices sent to partners, requested within [from, to) (null = open-ended), oldest first. */
public record FindFlaggerNoticesQuery(Instant from, Instant to) {
}
