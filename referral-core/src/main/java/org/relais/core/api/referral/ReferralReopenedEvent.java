package org.relais.core.api.referral;

import org.axonframework.serialization.Revision;

/** A closed case was taken up again; {@code reason} is sealed ({@link SealedTextFields#REOPENING_REASON}). */
@Revision("1")
public record ReferralReopenedEvent(String referralId, String reason) {
}
