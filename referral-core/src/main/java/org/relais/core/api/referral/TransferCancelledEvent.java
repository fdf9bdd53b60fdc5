package org.relais.core.api.referral;

import org.axonframework.serialization.Revision;

/** A coordinator withdrew the transfer; {@code reason} is sealed ({@link SealedTextFields#CANCELLATION_REASON}). */
@Revision("1")
public record TransferCancelledEvent(String referralId, String transferId, String partnerId, String reason) {
}
