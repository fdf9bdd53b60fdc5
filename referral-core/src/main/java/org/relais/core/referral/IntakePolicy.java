package org.relais.core.referral;

import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.ReceiveReferralCommand;
import org.relais.core.api.RuleViolationException;

/** What an intake must hold before a case exists: how it came in, who reported it, what it is about. */
final class IntakePolicy {

    private IntakePolicy() {
    }

    static void check(ReceiveReferralCommand command) {
        require(command.referralId() != null && !command.referralId().isBlank(), "A referral needs an id.");
        require(command.channel() != null, "The channel is required.");
        require(command.reporterRole() != null, "The reporter role is required.");
        require(command.ageBand() != null, "The age band is required (UNKNOWN when not known).");
        require(!command.categories().isEmpty(), "At least one category is required.");
        require(command.personalDetails() != null, "Personal details are required, even if empty.");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw RuleViolationException.of(ErrorCode.INVALID_INPUT, message);
        }
    }
}
