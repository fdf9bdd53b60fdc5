package org.relais.core.api;

import java.time.Instant;
import java.util.Set;

public record AccessRecordView(String referralId,
                               String actorUser,
                               String actorRole,
                               String actorPartner,
                               Instant at,
                               Set<ShareableField> fields,
                               Set<String> texts,
                               String purpose) {
}
