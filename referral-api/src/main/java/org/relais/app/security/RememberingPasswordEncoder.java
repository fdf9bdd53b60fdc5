package org.relais.app.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * BCrypt, but a password that matched a stored hash is remembered for a few minutes. API clients send HTTP Basic
 * credentials on every request, and a BCrypt check costs tens of milliseconds of CPU: without this, two cores
 * verify a dozen requests a second. Only successes are remembered, so guessing still pays full price; what is
 * remembered is an HMAC of the password under a key that lives only in this process.
 */
final class RememberingPasswordEncoder implements PasswordEncoder {

    private static final int REMEMBERED = 1_000;

    private final PasswordEncoder delegate;
    private final Duration memory;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Instant> matched = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > REMEMBERED;
        }
    };

    RememberingPasswordEncoder(PasswordEncoder delegate, Duration memory, Clock clock) {
        this.delegate = delegate;
        this.memory = memory;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return false;
        }
        String fingerprint = fingerprint(rawPassword, encodedPassword);
        Instant now = clock.instant();
        synchronized (matched) {
            Instant until = matched.get(fingerprint);
            if (until != null && until.isAfter(now)) {
                return true;
            }
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            synchronized (matched) {
                matched.put(fingerprint, now.plus(memory));
            }
        }
        return matches;
    }

    /**
     * Whether {@link #matches} would answer from memory, without hashing: the sign-in throttle does not count such an
     * attempt among the checks running.
     */
    boolean remembers(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return false;
        }
        String fingerprint = fingerprint(rawPassword, encodedPassword);
        synchronized (matched) {
            Instant until = matched.get(fingerprint);
            return until != null && until.isAfter(clock.instant());
        }
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private String fingerprint(CharSequence rawPassword, String encodedPassword) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return java.util.HexFormat.of().formatHex(mac.doFinal(
                    rawPassword.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
