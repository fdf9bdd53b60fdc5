package org.relais.app.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.AxonNonTransientException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Sends a command again when it lost a race for its aggregate: another command (maybe on another instance) stored
 * the same sequence number first. The retry loads the aggregate again, so the command is decided against the state
 * that now includes the winner's events, and its rules are checked again: no update is lost, and none is applied
 * blindly.
 *
 * <p>Only that conflict is retried. A broken rule, a version the caller expected ({@code If-Match}: Axon's
 * {@code ConflictingAggregateVersionException}, which is non-transient) or any other failure is answered at once.
 * After the last retry the conflict reaches the caller, who gets a 409.
 */
final class ConflictRetryScheduler implements RetryScheduler, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConflictRetryScheduler.class);

    private final ScheduledExecutorService executor;
    private final int maxRetries;
    private final Duration firstBackoff;

    /** The executor is private on purpose: a ScheduledExecutorService bean would become Spring's @Scheduled pool. */
    ConflictRetryScheduler(int maxRetries, Duration firstBackoff) {
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
        this.maxRetries = maxRetries;
        this.firstBackoff = firstBackoff;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        int attempt = failures.size();
        if (attempt > maxRetries || !isLostRace(lastFailure)) {
            return false;
        }
        // doubling back-off with jitter, so that two losers do not collide again at the same instant
        long base = firstBackoff.toMillis() << (attempt - 1);
        long delay = base + ThreadLocalRandom.current().nextLong(base + 1);
        log.debug("Command {} lost a race for its aggregate; retry {} of {} in {} ms",
                commandMessage.getCommandName(), attempt, maxRetries, delay);
        try {
            executor.schedule(commandDispatch, delay, TimeUnit.MILLISECONDS);
            return true;
        } catch (RuntimeException rejectedWhileShuttingDown) {
            return false;
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    static boolean isLostRace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof AxonNonTransientException) {
                return false;
            }
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
