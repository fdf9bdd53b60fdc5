package org.relais.projections.accesslog;

import java.time.Instant;
import java.util.Set;

import org.relais.core.api.query.AccessRecordView;
import org.relais.core.api.ShareableField;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One read of a case's personal data, keyed by the event that recorded it; {@code texts} is null in records stored
 * before free texts were recorded.
 */
@Document(AccessRecordDocument.COLLECTION)
record AccessRecordDocument(@Id String eventId,
                            String referralId,
                            String actorUser,
                            String actorRole,
                            String actorPartner,
                            Instant at,
                            Set<ShareableField> fields,
                            Set<String> texts,
                            String purpose) {

    static final String COLLECTION = "access_log";

    AccessRecordView toView() {
        return new AccessRecordView(referralId, actorUser, actorRole, actorPartner, at, fields,
                texts == null ? Set.of() : texts, purpose);
    }
}
