package org.relais.core.api;

import org.axonframework.serialization.Revision;

/** A partner's agreement was amended; {@code terms} are the complete terms from now on. */
@Revision("1")
public record AgreementAmendedEvent(String partnerId, AgreementTerms terms) {
}
