package org.relais.core.api;

import org.axonframework.serialization.Revision;

/** The first agreement with a partner was signed, with these terms. */
@Revision("1")
public record AgreementSignedEvent(String partnerId, AgreementTerms terms) {
}
