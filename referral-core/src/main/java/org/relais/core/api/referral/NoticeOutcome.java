package org.relais.core.api.referral;

/** What a hosting service did with one notice (one content URL), as a trusted flagger reports it. */
public enum NoticeOutcome {
    REMOVED,
    RESTRICTED,
    REFUSED,
    NO_ACTION;

    /** The outcomes a hosting service owes a statement of reasons for (DSA Art. 17). */
    public boolean callsForStatementOfReasons() {
        return this != NO_ACTION;
    }
}
