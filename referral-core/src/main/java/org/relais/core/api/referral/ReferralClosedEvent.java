package org.relais.core.api.referral;

import org.axonframework.serialization.Revision;

/**
 * The handling of the case ended; {@code note} is sealed ({@link SealedTextFields#CLOSURE_NOTE}), null if none.
 * A case closed as {@link ClosureOutcome#DUPLICATE} names the case it repeats, by id ({@code duplicateOf}) and by the
 * reference the coordinator saw ({@code duplicateOfReference}); both are null otherwise, and in revision 1, which had
 * neither.
 */
@Revision("2")
public record ReferralClosedEvent(String referralId, ClosureOutcome outcome, String note, String duplicateOf,
                                  String duplicateOfReference) {

    /** A closure that repeats no other case. */
    public ReferralClosedEvent(String referralId, ClosureOutcome outcome, String note) {
        this(referralId, outcome, note, null, null);
    }
}
