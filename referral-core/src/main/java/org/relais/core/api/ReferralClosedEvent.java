package org.relais.core.api;

import org.axonframework.serialization.Revision;

/** The handling of the case ended; {@code note} is sealed ({@link SealedTextFields#CLOSURE_NOTE}), null if none. */
@Revision("1")
public record ReferralClosedEvent(String referralId, ClosureOutcome outcome, String note) {
}
