package org.relais.core.api;

import java.util.Arrays;
import java.util.List;

import org.axonframework.commandhandling.CommandExecutionException;

/**
 * A command rejected because it breaks a rule. The {@link ErrorCode} travels as the exception's details, so it
 * survives the command bus (local or distributed) and the web edge maps it without parsing messages. Messages
 * never contain personal data; they are English, for logs: what a client reads is written at the web edge, in the
 * client's language, from the code, the {@link #reason()} and the {@link #arguments()}.
 * <p>
 * A reason names which form of the rule was broken when one code has several ("complete" for a transition of a
 * transfer); the field is the JSON pointer of the request member that broke it, when one did; arguments are enum
 * constants or plain values a client already knows (never personal data). The three travel with the exception on a
 * local command bus; over a distributed one only the code is guaranteed, and the web edge falls back to the code's
 * own text.
 */
public class RuleViolationException extends CommandExecutionException {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final String field;
    private final List<Object> arguments;

    public RuleViolationException(ErrorCode code, String message) {
        this(code, message, null, null, List.of());
    }

    private RuleViolationException(ErrorCode code, String message, String reason, String field,
                                   List<Object> arguments) {
        super(message, null, code, false);
        this.reason = reason;
        this.field = field;
        this.arguments = arguments;
    }

    public ErrorCode code() {
        return this.<ErrorCode>getDetails().orElse(ErrorCode.INTERNAL_ERROR);
    }

    /** Which form of the rule was broken, as a stable key, or null when the code says it all. */
    public String reason() {
        return reason;
    }

    /** The JSON pointer of the request member that broke the rule ({@code /sharedFields}), or null. */
    public String field() {
        return field;
    }

    /** Values the explanation names: enum constants or values the client sent that are not personal data. */
    public List<Object> arguments() {
        return arguments;
    }

    public RuleViolationException because(String reason, Object... arguments) {
        return new RuleViolationException(code(), getMessage(), reason, field, List.copyOf(Arrays.asList(arguments)));
    }

    public RuleViolationException at(String pointer) {
        return new RuleViolationException(code(), getMessage(), reason, pointer, arguments);
    }

    public static RuleViolationException of(ErrorCode code, String message) {
        return new RuleViolationException(code, message);
    }
}
