package org.relais.app.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.relais.app.consistency.ConsistencyWaited;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reads that waited for the read models to show a write ({@code Relais-Consistent-With} on the API, and the pages
 * after a change): {@code relais_consistency_wait_seconds{outcome=reached|timed_out}} and
 * {@code relais_consistency_timeouts_total}, the waits that ran out (a 503 READ_MODELS_BEHIND on the API).
 */
@Component
class ConsistencySignals {

    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2)};

    private final Timer reached;
    private final Timer timedOut;
    private final Counter timeouts;

    ConsistencySignals(MeterRegistry registry) {
        this.reached = wait(registry, "reached");
        this.timedOut = wait(registry, "timed_out");
        this.timeouts = Counter.builder("relais.consistency.timeouts")
                .description("Reads whose read models did not reach the requested position in time")
                .register(registry);
    }

    private static Timer wait(MeterRegistry registry, String outcome) {
        return Timer.builder("relais.consistency.wait").description("Time a read waited for the read models")
                .tag("outcome", outcome).serviceLevelObjectives(BUCKETS).register(registry);
    }

    @EventListener
    void on(ConsistencyWaited wait) {
        if (wait.reached()) {
            reached.record(wait.waited());
        } else {
            timedOut.record(wait.waited());
            timeouts.increment();
        }
    }
}
