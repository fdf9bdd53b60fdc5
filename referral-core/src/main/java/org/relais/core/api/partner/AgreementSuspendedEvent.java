package org.relais.core.api.partner;

import org.axonframework.serialization.Revision;

/** A partner's agreement was suspended: no new transfer reaches it until it is resumed. */
@Revision("1")
public record AgreementSuspendedEvent(String partnerId, String reason) {
}
