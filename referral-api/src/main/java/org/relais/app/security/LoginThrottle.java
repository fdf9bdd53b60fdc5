package org.relais.app.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed password sign-ins per user name and per client address, and says when the next attempt must be
 * refused without checking the password (see {@link LoginThrottleProperties}). A success clears the user name's
 * record; the address keeps its own, so one account that the caller owns cannot wash away a spray of guesses at
 * others.
 * <p>
 * Attempts are admitted before the password check and settled after it. The checks running for a name, and for an
 * address that has failures, count as failures already: a burst of parallel guesses gets no more checks than the
 * limit allows, and during a penalty streak only one check runs at a time. An address without failures is not
 * limited by its running checks: the several users behind one office's proxy sign in at once after a restart. Attempts whose password this process has
 * already verified ({@code verified}) cost no hashing and are not counted in flight, so a client sending many
 * parallel requests with a good password is never refused, unless its name or address is blocked.
 * <p>
 * In memory, per instance: with several instances an attacker spreads guesses over them, each instance counting its
 * own. The logs never say which user name or address was throttled.
 */
final class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    /** What a refused attempt is told when it was only refused for checks already running. */
    static final Duration BUSY = Duration.ofSeconds(1);

    private final LoginThrottleProperties settings;
    private final Clock clock;
    private final Map<String, Tally> tallies;

    LoginThrottle(LoginThrottleProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.tallies = new LinkedHashMap<>(256, 0.75f, true);
    }

    /** A sign-in attempt under way: settle it exactly once with {@link #failed}, {@link #succeeded} or {@link #ended}. */
    record Attempt(String username, String address, boolean counted) {
    }

    /**
     * Admits an attempt, or answers how long the caller must wait. {@code verified}: the password is one this process
     * has already checked successfully for this user, so no hashing will run.
     */
    synchronized Admission admit(String username, String address, boolean verified) {
        Instant now = clock.instant();
        Duration wait = longest(refusal(userKey(username), now, verified, true),
                refusal(addressKey(address), now, verified, false));
        if (wait != null) {
            return new Admission(null, wait);
        }
        if (!verified) {
            tally(userKey(username), now).inFlight++;
            tally(addressKey(address), now).inFlight++;
            trim();
        }
        return new Admission(new Attempt(username, address, !verified), null);
    }

    synchronized void failed(Attempt attempt) {
        Instant now = clock.instant();
        fail(userKey(attempt.username()), "a user name", attempt.counted(), now);
        fail(addressKey(attempt.address()), "a client address", attempt.counted(), now);
        trim();
    }

    synchronized void succeeded(Attempt attempt) {
        tallies.remove(userKey(attempt.username()));
        settle(addressKey(attempt.address()), attempt.counted(), clock.instant());
    }

    /** The check could not tell (an internal error): neither a failure nor a success. */
    synchronized void ended(Attempt attempt) {
        Instant now = clock.instant();
        settle(userKey(attempt.username()), attempt.counted(), now);
        settle(addressKey(attempt.address()), attempt.counted(), now);
    }

    synchronized int tracked() {
        return tallies.size();
    }

    /** Either an attempt to settle, or the wait before the next one may be made. */
    record Admission(Attempt attempt, Duration retryAfter) {

        Optional<Attempt> admitted() {
            return Optional.ofNullable(attempt);
        }
    }

    private void fail(String key, String what, boolean counted, Instant now) {
        Tally tally = tally(key, now);
        if (counted && tally.inFlight > 0) {
            tally.inFlight--;
        }
        Duration wait = tally.failed(now);
        if (wait != null) {
            log.warn("Password sign-in throttled for {} after {} failed attempts: next attempts refused for {}",
                    what, tally.failures.size(), wait);
        }
    }

    /** Ends an attempt that failed nothing; a record left with nothing to remember goes. */
    private void settle(String key, boolean counted, Instant now) {
        Tally tally = tallies.get(key);
        if (tally == null) {
            return;
        }
        if (counted && tally.inFlight > 0) {
            tally.inFlight--;
        }
        if (tally.forgettable(now)) {
            tallies.remove(key);
        }
    }

    /**
     * @param burstLimited whether checks running count against the limit before any failure: for a user name (whose
     *                     checks also run one at a time), not for an address, which many users behind one proxy or
     *                     office share
     */
    private Duration refusal(String key, Instant now, boolean verified, boolean burstLimited) {
        Tally tally = tallies.get(key);
        if (tally == null) {
            return null;
        }
        tally.forgetBefore(now.minus(settings.window()));
        return tally.refusal(now, verified, burstLimited);
    }

    private Tally tally(String key, Instant now) {
        Tally tally = tallies.computeIfAbsent(key, ignored -> new Tally());
        tally.forgetBefore(now.minus(settings.window()));
        return tally;
    }

    /**
     * Keeps memory bounded: the least recently seen go first. Pushing out a blocked name or address this way takes
     * as many new ones, each paying for a password check or refused by its own address's count.
     */
    private void trim() {
        Iterator<Tally> eldest = tallies.values().iterator();
        while (tallies.size() > settings.tracked() && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    private static Duration longest(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    private static String userKey(String username) {
        return "user:" + (username == null ? "" : username);
    }

    private static String addressKey(String address) {
        return "address:" + (address == null ? "unknown" : address);
    }

    private final class Tally {

        final Deque<Instant> failures = new ArrayDeque<>();
        int inFlight;
        Instant blockedUntil;
        Duration penalty;

        void forgetBefore(Instant horizon) {
            while (!failures.isEmpty() && !failures.peekFirst().isAfter(horizon)) {
                failures.removeFirst();
            }
        }

        /** A penalty was served less than a window ago: the next failure doubles it at once. */
        boolean inStreak(Instant now) {
            return blockedUntil != null && now.isBefore(blockedUntil.plus(settings.window()));
        }

        Duration refusal(Instant now, boolean verified, boolean burstLimited) {
            if (blockedUntil != null && now.isBefore(blockedUntil)) {
                return roundedUp(Duration.between(now, blockedUntil));
            }
            if (verified) {
                return null;
            }
            int running = burstLimited || !failures.isEmpty() ? inFlight : 0;
            boolean full = inStreak(now) ? inFlight > 0 : failures.size() + running >= settings.maxFailures();
            return full ? BUSY : null;
        }

        /** Records a failure; answers the penalty it starts, if any. */
        Duration failed(Instant now) {
            failures.addLast(now);
            while (failures.size() > settings.maxFailures()) {
                failures.removeFirst();
            }
            Duration wait;
            if (inStreak(now)) {
                wait = penalty.multipliedBy(2);
                if (wait.compareTo(settings.maxWait()) > 0) {
                    wait = settings.maxWait();
                }
            } else if (failures.size() >= settings.maxFailures()) {
                wait = settings.firstWait();
            } else {
                return null;
            }
            penalty = wait;
            blockedUntil = now.plus(wait);
            return wait;
        }

        boolean forgettable(Instant now) {
            forgetBefore(now.minus(settings.window()));
            return failures.isEmpty() && inFlight == 0 && !inStreak(now);
        }
    }

    private static Duration roundedUp(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
