package org.relais.web.problem;

/**
 * A query parameter whose value has not the expected shape, answered 400 INVALID_INPUT naming the parameter (never
 * repeating the value, which may be personal data such as a phone number looked up).
 */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
