package org.relais.projections.accesslog;

import java.time.Instant;
import java.util.Set;

import org.relais.core.api.AccessRecordView;
import org.relais.core.api.ShareableField;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** One read of a case's personal data, keyed by the event that recorded it. */
@Document(AccessRecordDocument.COLLECTION)
record AccessRecordDocument(@Id String eventId,
                            String referralId,
                            String actorUser,
                            String actorRole,
                            String actorPartner,
                            Instant at,
                            Set<ShareableField> fields,
                            String purpose) {

    static final String COLLECTION = "access_log";

    AccessRecordView toView() {
        return new AccessRecordView(referralId, actorUser, actorRole, actorPartner, at, fields, purpose);
    }
}
