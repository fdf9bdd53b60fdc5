package org.relais.core.referral;

import static org.relais.core.referral.Rejections.isBlank;
import static org.relais.core.referral.Rejections.require;

import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.ErrorCode;
import org.relais.core.referral.CaseRegister.RegisteredCase;

/**
 * A case closed as a duplicate names the case it repeats, so that the caller's story is followed in one place: that
 * case must exist, be another one, and still hold its data (an erased case cannot carry the story on). Naming a case
 * for another outcome is a malformed request, not a rule: it would record a link nobody asked the rule to check.
 */
final class DuplicatePolicy {

    private DuplicatePolicy() {
    }

    /** The case repeated, or null when the outcome is not DUPLICATE. */
    static RegisteredCase check(ClosureOutcome outcome, String duplicateOf, String referralId, CaseRegister cases) {
        if (outcome != ClosureOutcome.DUPLICATE) {
            require(isBlank(duplicateOf), ErrorCode.INVALID_INPUT,
                    "Only a closure as DUPLICATE names the case it repeats.");
            return null;
        }
        require(!isBlank(duplicateOf), ErrorCode.DUPLICATE_OF_REQUIRED,
                "A closure as DUPLICATE names the case it repeats (duplicateOf).");
        RegisteredCase original = cases.find(duplicateOf.strip()).orElse(null);
        require(original != null, ErrorCode.DUPLICATE_OF_UNKNOWN, "No case has this reference or id.");
        require(!original.referralId().equals(referralId), ErrorCode.DUPLICATE_OF_ITSELF,
                "A case cannot be a duplicate of itself.");
        require(!original.erased(), ErrorCode.DUPLICATE_OF_ERASED,
                "The personal data of the named case was erased.");
        return original;
    }
}
