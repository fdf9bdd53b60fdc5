package org.relais.projections.audittrail;

import java.time.Instant;

import org.relais.core.api.AuditEntryView;
import org.springframework.data.annotation.Id;

/** One stored event, keyed by its identifier, so writing it again changes nothing. */
class AuditEntryDocument {

    static final String COLLECTION = "audit_trail";

    @Id
    String id;
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

    AuditEntryView toView() {
        return new AuditEntryView(id, globalIndex, at, aggregateType, aggregateId, sequence, referralId, eventType,
                actorUser, actorRole, actorPartner, description);
    }
}
