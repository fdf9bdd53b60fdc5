package org.relais.core.api.partner;

import org.axonframework.serialization.Revision;

/** A partner's agreement was terminated. This is final: the partner never receives a transfer again. */
@Revision("1")
public record AgreementTerminatedEvent(String partnerId, String reason) {
}
