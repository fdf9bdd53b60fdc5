package org.relais.core.api.referral;

import org.axonframework.serialization.Revision;

/** Consent to share was given; {@code givenBy} is sealed ({@link SealedTextFields#CONSENT_GIVEN_BY}). */
@Revision("1")
public record ConsentGivenEvent(String referralId, String givenBy) {
}
