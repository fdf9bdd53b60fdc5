package org.relais.benchmarks;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Waits for something the suite cannot be told about (a processor's position, a rebuild's state behind an HTTP
 * endpoint, a line in a child JVM's log) by looking at it on a schedule: the caller blocks on the answer, which comes
 * as soon as a look finds it. The suite runs inside the application's jar, without the test libraries.
 */
final class Polling {

    private Polling() {
    }

    /**
     * The first value {@code probe} gives that is {@code done}, looking every {@code every}; empty if none came within
     * {@code atMost}. A probe that throws ends the wait with its exception.
     */
    static <T> Optional<T> until(Callable<T> probe, Predicate<T> done, Duration every, Duration atMost)
            throws Exception {
        ScheduledExecutorService looks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "benchmark-polling");
            thread.setDaemon(true);
            return thread;
        });
        CompletableFuture<T> answer = new CompletableFuture<>();
        try {
            looks.scheduleWithFixedDelay(() -> {
                try {
                    T value = probe.call();
                    if (done.test(value)) {
                        answer.complete(value);
                    }
                } catch (Exception | Error e) {
                    answer.completeExceptionally(e);
                }
            }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.of(answer.get(atMost.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            looks.shutdownNow();
        }
    }
}
