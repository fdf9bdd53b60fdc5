package org.relais.core.referral;

import java.time.Instant;

/**
 * The blind index of the contacts of each case (victim and reporter), by which a repeat caller's earlier cases are
 * found without opening any sealed value. The implementation keeps only a keyed hash of each normalised contact, in
 * the write-side database and in the command's own transaction, like {@link ReferenceAllocator}: an entry exists if
 * and only if the events that carry its contact do.
 */
public interface ContactIndex {

    /** Whose contact an entry stands for. */
    enum Role { VICTIM, REPORTER }

    /**
     * Makes {@code contact} the indexed contact of {@code role} on the case, replacing any earlier one; a null or blank
     * contact removes the role's entry.
     *
     * @param receivedAt when the case came in: "earlier cases" are those received before it
     */
    void replace(String referralId, Instant receivedAt, Role role, String contact);

    /** Removes every entry of the case (its erasure). */
    void forget(String referralId);
}
