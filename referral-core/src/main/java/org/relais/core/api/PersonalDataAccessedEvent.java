package org.relais.core.api;

import java.util.Set;

import org.axonframework.serialization.Revision;

/**
 * Someone was shown personal data of a case: which fields, and why if they said. Who and when are in the metadata,
 * as for every event. It is not an event of the Referral aggregate (reading must not move a case's version), but it
 * is stored, chained and audited like all the others.
 */
@Revision("1")
public record PersonalDataAccessedEvent(String referralId, Set<ShareableField> fields, String purpose) {

    public PersonalDataAccessedEvent {
        fields = EnumSets.copyOf(fields, ShareableField.class);
    }
}
