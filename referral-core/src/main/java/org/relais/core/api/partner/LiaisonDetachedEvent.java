package org.relais.core.api.partner;

import org.axonframework.serialization.Revision;

/** A user account no longer acts for the partner. */
@Revision("1")
public record LiaisonDetachedEvent(String partnerId, String username) {
}
