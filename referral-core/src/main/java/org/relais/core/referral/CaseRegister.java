package org.relais.core.referral;

import java.util.Optional;

/**
 * Finds another case by the reference read out over the phone or by its id, for rules that name a second case (a
 * closure as a duplicate). Answered from the write-side database, in the command's transaction, never from a read
 * model that may lag behind: a case received a moment ago, or erased a moment ago, is seen as it is.
 */
public interface CaseRegister {

    /**
     * The case a coordinator named: a reference in any letter case, with or without its {@code R-}
     * ({@code r-2026-000123}, {@code 2026-000123}), or a referral id; empty when no such case exists.
     */
    Optional<RegisteredCase> find(String referenceOrId);

    /** A case as the register knows it; {@code erased}: its personal data was erased (its key destroyed). */
    record RegisteredCase(String referralId, String reference, boolean erased) {
    }
}
