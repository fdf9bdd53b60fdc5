package org.relais.core.api.access;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

import org.axonframework.serialization.Revision;
import org.relais.core.api.EnumSets;
import org.relais.core.api.referral.SealedTextFields;
import org.relais.core.api.ShareableField;

/**
 * Someone was shown personal data of a case: which fields, which sealed free texts (named by their
 * {@link SealedTextFields} name, and for a transfer's texts {@code name:transferId}), and why if they said. Who and
 * when are in the metadata, as for every event. It is not an event of the Referral aggregate (reading must not move
 * a case's version), but it is stored, chained and audited like all the others.
 * <p>
 * Revision 2 added {@code texts}; revision 1 records (fields only) are upcast with no texts.
 */
@Revision("2")
public record PersonalDataAccessedEvent(String referralId, Set<ShareableField> fields, Set<String> texts,
                                        String purpose) {

    public PersonalDataAccessedEvent {
        fields = EnumSets.copyOf(fields, ShareableField.class);
        texts = texts == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(texts));
    }

    /** The name under which an opened text of a transfer is recorded. */
    public static String textOf(String field, String transferId) {
        return transferId == null ? field : field + ":" + transferId;
    }
}
