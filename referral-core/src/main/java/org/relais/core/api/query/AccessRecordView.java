package org.relais.core.api.query;

import java.time.Instant;
import java.util.Set;
import org.relais.core.api.ShareableField;

public record AccessRecordView(String referralId,
                               String actorUser,
                               String actorRole,
                               String actorPartner,
                               Instant at,
                               Set<ShareableField> fields,
                               Set<String> texts,
                               String purpose) {
}
