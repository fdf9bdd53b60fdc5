package org.relais.core.api.partner;

import org.axonframework.serialization.Revision;

/**
 * A partner's agreement was amended; {@code terms} are the complete terms from now on.
 * <p>
 * Revision 2: the terms carry the SLA kind, closure days and holiday calendar (revision 1 reads as open time with
 * none of them).
 */
@Revision("2")
public record AgreementAmendedEvent(String partnerId, AgreementTerms terms) {
}
