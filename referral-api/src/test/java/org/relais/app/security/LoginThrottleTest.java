package org.relais.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.relais.app.support.MutableClock;

/** The throttle's arithmetic, on a clock the test moves: who is refused, for how long, and what clears it. */
class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private final LoginThrottle throttle = new LoginThrottle(
            new LoginThrottleProperties(5, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(15), 1000),
            clock);

    @Test
    void five_failures_for_one_user_name_refuse_the_next_attempt_from_anywhere_for_a_minute() {
        for (int i = 0; i < 5; i++) {
            fail("alice", "10.0.0." + i);
        }

        assertThat(refusal("alice", "10.0.1.1", false)).isEqualTo(Duration.ofMinutes(1));
        assertThat(refusal("alice", "10.0.1.1", true)).as("even a password known to be right")
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(refusal("bob", "10.0.1.1", false)).as("other users from elsewhere").isNull();
        clock.advance(Duration.ofSeconds(59).plusMillis(1));
        assertThat(refusal("alice", "10.0.1.1", false)).as("rounded up to a whole second").isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(999));
        assertThat(refusal("alice", "10.0.1.1", false)).isNull();
    }

    @Test
    void five_failures_from_one_address_refuse_every_user_name_from_it() {
        for (int i = 0; i < 5; i++) {
            fail("guess-" + i, "192.0.2.7");
        }

        assertThat(refusal("carol", "192.0.2.7", true)).isEqualTo(Duration.ofMinutes(1));
        assertThat(refusal("carol", "192.0.2.8", false)).isNull();
    }

    @Test
    void the_wait_doubles_with_each_further_failure_up_to_fifteen_minutes() {
        for (int i = 0; i < 5; i++) {
            fail("alice", "10.0.0." + i);
        }
        List<Duration> waits = new ArrayList<>();
        waits.add(refusal("alice", "10.0.9.9", false));
        for (int round = 0; round < 6; round++) {
            clock.advance(waits.get(waits.size() - 1));
            fail("alice", "10.0.1." + round);
            waits.add(refusal("alice", "10.0.9.9", false));
        }

        assertThat(waits).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(8), Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofMinutes(15));
    }

    @Test
    void failures_older_than_the_window_no_longer_count() {
        for (int i = 0; i < 4; i++) {
            fail("alice", "10.0.0." + i);
        }
        clock.advance(Duration.ofMinutes(15));
        for (int i = 0; i < 4; i++) {
            fail("alice", "10.0.0." + i);
        }

        assertThat(refusal("alice", "10.0.9.9", false)).isNull();
        fail("alice", "10.0.0.9");
        assertThat(refusal("alice", "10.0.9.9", false)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void a_success_clears_the_user_name_but_not_the_address() {
        for (int i = 0; i < 4; i++) {
            fail("alice", "198.51.100.1");
        }
        LoginThrottle.Attempt success = throttle.admit("alice", "198.51.100.1", false).admitted().orElseThrow();
        throttle.succeeded(success);
        for (int i = 0; i < 4; i++) {
            fail("alice", "10.0.0." + i);
        }

        assertThat(refusal("alice", "10.0.9.9", false)).as("4 failures since the success").isNull();
        fail("someone-else", "198.51.100.1");
        assertThat(refusal("dave", "198.51.100.1", false)).as("the address kept its 4 failures")
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void a_burst_of_parallel_guesses_gets_no_more_checks_than_the_limit() {
        List<LoginThrottle.Attempt> running = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            running.add(throttle.admit("alice", "10.0.0." + i, false).admitted().orElseThrow());
        }

        assertThat(refusal("alice", "10.0.0.99", false)).as("five checks already running")
                .isEqualTo(LoginThrottle.BUSY);
        assertThat(throttle.admit("alice", "10.0.0.99", true).admitted()).as("a known password costs no check")
                .isPresent();
        running.forEach(throttle::failed);
        assertThat(refusal("alice", "10.0.0.99", true)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void many_users_behind_one_address_sign_in_at_once_until_that_address_fails() {
        for (int i = 0; i < 8; i++) {
            assertThat(throttle.admit("user-" + i, "10.0.0.1", false).admitted())
                    .as("the office's users after a restart").isPresent();
        }
        fail("mallory", "10.0.0.1");

        assertThat(refusal("user-9", "10.0.0.1", false)).as("running checks count once the address failed")
                .isEqualTo(LoginThrottle.BUSY);
    }

    @Test
    void after_a_penalty_one_check_at_a_time_and_each_failure_starts_the_next() {
        for (int i = 0; i < 5; i++) {
            fail("alice", "10.0.0." + i);
        }
        clock.advance(Duration.ofMinutes(1));

        LoginThrottle.Attempt first = throttle.admit("alice", "10.0.1.1", false).admitted().orElseThrow();
        assertThat(refusal("alice", "10.0.1.2", false)).isEqualTo(LoginThrottle.BUSY);
        throttle.failed(first);
        assertThat(refusal("alice", "10.0.1.2", false)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void an_attempt_that_ends_without_a_verdict_counts_for_nothing() {
        for (int i = 0; i < 10; i++) {
            throttle.ended(throttle.admit("alice", "10.0.0.1", false).admitted().orElseThrow());
        }

        assertThat(refusal("alice", "10.0.0.1", false)).isNull();
        assertThat(throttle.tracked()).isZero();
    }

    @Test
    void memory_stays_bounded_whatever_the_number_of_names_tried() {
        LoginThrottle small = new LoginThrottle(
                new LoginThrottleProperties(5, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(15),
                        100), clock);
        for (int i = 0; i < 1_000; i++) {
            small.failed(small.admit("name-" + i, "10.1." + (i / 250) + "." + (i % 250), false).admitted().orElseThrow());
        }

        assertThat(small.tracked()).isLessThanOrEqualTo(100);
    }

    private void fail(String username, String address) {
        throttle.failed(throttle.admit(username, address, false).admitted().orElseThrow());
    }

    /** The wait an attempt is told, or null when it is admitted (and then settled without a verdict). */
    private Duration refusal(String username, String address, boolean verified) {
        LoginThrottle.Admission admission = throttle.admit(username, address, verified);
        admission.admitted().ifPresent(throttle::ended);
        return admission.retryAfter();
    }
}
