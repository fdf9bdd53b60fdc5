package org.relais.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.relais.app.support.MutableClock;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class RememberingPasswordEncoderTest {

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final AtomicInteger checks = new AtomicInteger();
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    };
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private final RememberingPasswordEncoder encoder =
            new RememberingPasswordEncoder(counting, Duration.ofMinutes(5), clock);
    private final String hash = bcrypt.encode("correct horse");

    @Test
    void a_password_that_matched_is_not_checked_again_for_a_while() {
        assertThat(encoder.matches("correct horse", hash)).isTrue();
        assertThat(encoder.matches("correct horse", hash)).isTrue();
        assertThat(checks).hasValue(1);

        clock.advance(Duration.ofMinutes(6));
        assertThat(encoder.matches("correct horse", hash)).isTrue();
        assertThat(checks).hasValue(2);
    }

    @Test
    void a_wrong_password_always_pays_the_full_check_and_never_matches() {
        assertThat(encoder.matches("correct horse", hash)).isTrue();
        assertThat(encoder.matches("wrong horse", hash)).isFalse();
        assertThat(encoder.matches("wrong horse", hash)).isFalse();
        assertThat(checks).hasValue(3);
    }

    @Test
    void a_remembered_password_does_not_open_another_account() {
        String otherHash = bcrypt.encode("another secret");
        assertThat(encoder.matches("correct horse", hash)).isTrue();
        assertThat(encoder.matches("correct horse", otherHash)).isFalse();
    }
}
