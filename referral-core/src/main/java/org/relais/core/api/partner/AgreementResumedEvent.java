package org.relais.core.api.partner;

import org.axonframework.serialization.Revision;

/** A suspended agreement is in effect again; {@code reason} is null when none was given. */
@Revision("1")
public record AgreementResumedEvent(String partnerId, String reason) {
}
