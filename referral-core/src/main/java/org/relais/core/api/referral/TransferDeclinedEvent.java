package org.relais.core.api.referral;

import org.axonframework.serialization.Revision;

/** The partner turned the transfer down; {@code reason} is sealed ({@link SealedTextFields#DECLINE_REASON}). */
@Revision("1")
public record TransferDeclinedEvent(String referralId, String transferId, String partnerId, String reason) {
}
