package org.relais.app.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.relais.app.deadlines.DeadlineSignal;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The acknowledgement deadlines: {@code relais_deadlines_due} (open deadlines past their time that the last poll of
 * this instance found, not flagged yet), {@code relais_deadlines_fired_total{outcome=ok|error}} (overdue flags sent)
 * and {@code relais_deadline_lateness_seconds} (how long after its due time each was flagged).
 */
@Component
class DeadlineSignals {

    private static final Duration[] BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofHours(1)};

    private final AtomicInteger due = new AtomicInteger();
    private final Counter fired;
    private final Counter failed;
    private final Timer lateness;

    DeadlineSignals(MeterRegistry registry) {
        Gauge.builder("relais.deadlines.due", due, AtomicInteger::get)
                .description("Open deadlines past their time found by the last poll, not flagged yet")
                .register(registry);
        this.fired = fired(registry, CommandSignals.OK);
        this.failed = fired(registry, CommandSignals.ERROR);
        this.lateness = Timer.builder("relais.deadline.lateness")
                .description("How long after its due time a deadline was flagged")
                .serviceLevelObjectives(BUCKETS).register(registry);
    }

    private static Counter fired(MeterRegistry registry, String outcome) {
        return Counter.builder("relais.deadlines.fired").description("Overdue flags sent for due deadlines")
                .tag("outcome", outcome).register(registry);
    }

    @EventListener
    void on(DeadlineSignal signal) {
        if (signal instanceof DeadlineSignal.Due found) {
            due.set(found.count());
        } else if (signal instanceof DeadlineSignal.Fired done) {
            if (done.flagged()) {
                fired.increment();
                lateness.record(done.lateness().isNegative() ? Duration.ZERO : done.lateness());
            } else {
                failed.increment();
            }
        }
    }
}
