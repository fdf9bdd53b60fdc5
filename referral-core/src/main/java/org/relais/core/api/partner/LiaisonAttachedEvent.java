package org.relais.core.api.partner;

import org.axonframework.serialization.Revision;

/** A user account became a liaison of the partner. */
@Revision("1")
public record LiaisonAttachedEvent(String partnerId, String username) {
}
