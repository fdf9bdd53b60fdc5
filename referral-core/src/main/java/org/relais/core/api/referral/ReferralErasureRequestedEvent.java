package org.relais.core.api.referral;

import org.axonframework.serialization.Revision;

/**
 * Erasure of the case's personal data was asked for; destroying the subject's key follows. {@code reason} is sealed
 * ({@link SealedTextFields#ERASURE_REASON}) like any free text, so it is erased with the rest: the fact, who and when
 * stay in the event and its metadata.
 */
@Revision("1")
public record ReferralErasureRequestedEvent(String referralId, String reason) {
}
