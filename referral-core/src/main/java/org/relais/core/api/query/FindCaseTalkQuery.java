package org.relais.core.api.query;

/** The internal notes and the transfers' conversations of one case, texts still sealed. */
public record FindCaseTalkQuery(String referralId) {
}
