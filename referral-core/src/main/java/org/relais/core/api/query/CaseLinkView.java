package org.relais.core.api.query;

/** Another case a case is linked to (the case it duplicates, or one that duplicates it), by id and reference. */
public record CaseLinkView(String referralId, String reference) {
}
