package org.relais.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.RuleViolationException;

class ConflictRetrySchedulerTest {

    private final ConflictRetryScheduler scheduler = new ConflictRetryScheduler(3, Duration.ofMillis(1));

    @AfterEach
    void stop() {
        scheduler.destroy();
    }

    @Test
    void a_command_that_lost_the_race_for_its_aggregate_is_sent_again() throws Exception {
        CountDownLatch dispatched = new CountDownLatch(1);

        boolean retried = scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                new CommandExecutionException("wrapped", new ConcurrencyException("sequence taken")), failures(1),
                dispatched::countDown);

        assertThat(retried).isTrue();
        assertThat(dispatched.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void a_broken_rule_or_an_expected_version_is_answered_at_once() {
        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                RuleViolationException.of(ErrorCode.INVALID_INPUT, "no"), failures(1), () -> { })).isFalse();
        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                new ConflictingAggregateVersionException("r-1", 3, 4), failures(1), () -> { })).isFalse();
        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                new IllegalStateException("database down"), failures(1), () -> { })).isFalse();
    }

    @Test
    void after_the_last_retry_the_conflict_reaches_the_caller() {
        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                new ConcurrencyException("again"), failures(4), () -> { })).isFalse();
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Throwable>[]> failures(int count) {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            failures.add(new Class[] {ConcurrencyException.class});
        }
        return failures;
    }
}
