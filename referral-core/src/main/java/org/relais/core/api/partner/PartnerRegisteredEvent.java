package org.relais.core.api.partner;

import org.axonframework.serialization.Revision;
import org.relais.core.api.PartnerKind;

/** An organisation joined the partner directory; it receives nothing until an agreement is signed. */
@Revision("1")
public record PartnerRegisteredEvent(String partnerId, String name, PartnerKind kind) {
}
