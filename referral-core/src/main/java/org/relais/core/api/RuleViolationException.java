package org.relais.core.api;

import org.axonframework.commandhandling.CommandExecutionException;

/**
 * A command rejected because it breaks a rule. The {@link ErrorCode} travels as the exception's details, so it
 * survives the command bus (local or distributed) and the web edge maps it without parsing messages. Messages
 * never contain personal data.
 */
public class RuleViolationException extends CommandExecutionException {

    private static final long serialVersionUID = 1L;

    public RuleViolationException(ErrorCode code, String message) {
        super(message, null, code, false);
    }

    public ErrorCode code() {
        return this.<ErrorCode>getDetails().orElse(ErrorCode.INTERNAL_ERROR);
    }

    public static RuleViolationException of(ErrorCode code, String message) {
        return new RuleViolationException(code, message);
    }
}
