package org.relais.app.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** A password sign-in refused before any check: too many failures for the user name or the client address. */
final class SignInThrottledException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    SignInThrottledException(Duration retryAfter) {
        super("Too many failed sign-in attempts");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
