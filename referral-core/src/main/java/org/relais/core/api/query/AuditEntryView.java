package org.relais.core.api.query;

import java.time.Instant;

/**
 * One event of any aggregate as the audit trail keeps it: who (from the event's metadata), when, on what, and a
 * one-line description without personal data. {@code globalIndex} and {@code eventId} tie it to the stored event.
 */
public record AuditEntryView(String eventId,
                             Long globalIndex,
                             Instant at,
                             String aggregateType,
                             String aggregateId,
                             long sequence,
                             String referralId,
                             String eventType,
                             String actorUser,
                             String actorRole,
                             String actorPartner,
                             String description) {
}
