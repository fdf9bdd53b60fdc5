package org.relais.projections.flaggernotices;

import java.util.Set;

import org.relais.core.api.Category;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A case's categories as they stand, so that a notice records the type of alleged illegal content when it is sent
 * (a later triage does not rewrite what was notified).
 */
@Document(FlaggerCaseDocument.COLLECTION)
record FlaggerCaseDocument(@Id String id, Set<Category> categories) {

    static final String COLLECTION = "flagger_cases";
}
