package org.relais.core.api.referral;

import org.axonframework.serialization.Revision;

@Revision("1")
public record TransferAcceptedEvent(String referralId, String transferId, String partnerId) {
}
