package org.relais.core.api.partner;

import org.axonframework.serialization.Revision;

/**
 * The first agreement with a partner was signed, with these terms.
 * <p>
 * Revision 2: the terms carry the SLA kind, closure days and holiday calendar (revision 1 reads as open time with
 * none of them).
 */
@Revision("2")
public record AgreementSignedEvent(String partnerId, AgreementTerms terms) {
}
