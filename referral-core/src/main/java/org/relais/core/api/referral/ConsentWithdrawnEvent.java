package org.relais.core.api.referral;

import org.axonframework.serialization.Revision;

/**
 * Consent to share was withdrawn; {@code givenBy}, the person withdrawing it, is sealed
 * ({@link SealedTextFields#CONSENT_GIVEN_BY}).
 */
@Revision("1")
public record ConsentWithdrawnEvent(String referralId, String givenBy) {
}
