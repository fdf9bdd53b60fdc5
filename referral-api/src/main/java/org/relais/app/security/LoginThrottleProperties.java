package org.relais.app.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password sign-in throttling ({@code relais.security.login-throttle.*}): after {@code maxFailures} failed attempts
 * for one user name, or from one client address, within {@code window}, further attempts are refused without
 * checking the password for {@code firstWait}, then twice as long after each further failure, up to
 * {@code maxWait}. At most {@code tracked} user names and addresses are remembered (the least recently seen go first).
 */
@ConfigurationProperties("relais.security.login-throttle")
record LoginThrottleProperties(@DefaultValue("5") int maxFailures,
                               @DefaultValue("PT15M") Duration window,
                               @DefaultValue("PT1M") Duration firstWait,
                               @DefaultValue("PT15M") Duration maxWait,
                               @DefaultValue("100000") int tracked) {

    LoginThrottleProperties {
        if (maxFailures < 1 || tracked < 1 || window.isNegative() || window.isZero() || firstWait.isNegative()
                || firstWait.isZero() || maxWait.compareTo(firstWait) < 0) {
            throw new IllegalArgumentException("relais.security.login-throttle: max-failures and tracked must be "
                    + "positive, window and first-wait positive durations, max-wait at least first-wait");
        }
    }
}
