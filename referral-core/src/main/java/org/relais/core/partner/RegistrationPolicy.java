package org.relais.core.partner;

import org.relais.core.api.ErrorCode;
import org.relais.core.api.partner.RegisterPartnerCommand;
import org.relais.core.api.RuleViolationException;

/** What the directory needs to list a partner: an id, a name people recognise, and its kind. */
final class RegistrationPolicy {

    static final int LONGEST_NAME = 200;

    private RegistrationPolicy() {
    }

    static void check(RegisterPartnerCommand command) {
        require(command.partnerId() != null && !command.partnerId().isBlank(), "A partner needs an id.");
        require(command.name() != null && !command.name().isBlank(), "A partner needs a name.");
        require(command.name().strip().length() <= LONGEST_NAME, "A partner name is at most 200 characters.");
        require(command.kind() != null, "The partner kind is required.");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw RuleViolationException.of(ErrorCode.INVALID_INPUT, message);
        }
    }
}
