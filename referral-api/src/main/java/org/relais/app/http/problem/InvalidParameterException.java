package org.relais.app.http.problem;

import java.util.Arrays;
import java.util.List;

/**
 * A query parameter whose value has not the expected shape, answered 400 INVALID_INPUT naming the parameter, what it
 * must be (a {@code problem.expected.*} text) and, for a closed list, the accepted values; never repeating the value,
 * which may be personal data such as a phone number looked up.
 */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;
    private final String expected;
    private final List<Object> arguments;
    private final List<String> allowed;

    private InvalidParameterException(String parameter, String expected, List<Object> arguments,
                                      List<String> allowed) {
        super("invalid parameter " + parameter, null, false, false);
        this.parameter = parameter;
        this.expected = expected;
        this.arguments = arguments;
        this.allowed = allowed;
    }

    /** {@code expected} names a {@code problem.expected.*} text, such as {@code date}. */
    public InvalidParameterException(String parameter, String expected, Object... arguments) {
        this(parameter, expected, List.copyOf(Arrays.asList(arguments)), null);
    }

    public static InvalidParameterException oneOf(String parameter, List<String> allowed) {
        return new InvalidParameterException(parameter, "oneOf", List.of(String.join(", ", allowed)), allowed);
    }

    public static InvalidParameterException sort(String parameter, List<String> allowed) {
        return new InvalidParameterException(parameter, "sort", List.of(String.join(", ", allowed)), allowed);
    }

    public String parameter() {
        return parameter;
    }

    String expected() {
        return expected;
    }

    List<Object> arguments() {
        return arguments;
    }

    List<String> allowed() {
        return allowed;
    }
}
