package org.relais.core.referral;

import org.relais.core.api.ErrorCode;
import org.relais.core.api.RuleViolationException;

/** Shared guards of the referral's policies; messages name the rule, never a value a user typed. */
final class Rejections {

    private Rejections() {
    }

    static void require(boolean condition, ErrorCode code, String message) {
        if (!condition) {
            throw RuleViolationException.of(code, message);
        }
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
