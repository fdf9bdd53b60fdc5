package org.relais.core.api;

import org.axonframework.serialization.Revision;

/** An organisation joined the partner directory; it receives nothing until an agreement is signed. */
@Revision("1")
public record PartnerRegisteredEvent(String partnerId, String name, PartnerKind kind) {
}
