package org.relais.projections.audittrail;

import java.time.Instant;

import org.relais.core.api.query.AuditEntryView;
import org.springframework.data.annotation.Id;

/**
 * One stored event. Keyed by its global index, zero-padded so that keys sort in the event store's order: each batch
 * appends at the end of the collection's B-tree instead of touching pages all over it (keyed by the random event
 * identifier, a catch-up at 1.2M events rewrote a page per entry). The key is as stable as the identifier, so
 * writing an entry again changes nothing.
 */
class AuditEntryDocument {

    static final String COLLECTION = "audit_trail";

    @Id
    String id;
    String eventId;
    Long globalIndex;
    Instant at;
    String aggregateType;
    String aggregateId;
    long sequence;
    String referralId;
    String eventType;
    String actorUser;
    String actorRole;
    String actorPartner;
    String description;

    private static final int KEY_DIGITS = 19; // enough for any non-negative long

    /** The key of an event's entry: its global index, or its identifier for an event outside the global order. */
    static String keyOf(Long globalIndex, String eventId) {
        if (globalIndex == null) {
            return "event-" + eventId;
        }
        String digits = Long.toString(globalIndex);
        return "0".repeat(KEY_DIGITS - digits.length()) + digits;
    }

    AuditEntryView toView() {
        return new AuditEntryView(eventId, globalIndex, at, aggregateType, aggregateId, sequence, referralId, eventType,
                actorUser, actorRole, actorPartner, description);
    }
}
