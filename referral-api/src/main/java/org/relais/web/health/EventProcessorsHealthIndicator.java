package org.relais.web.health;

import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Each event processor: running, caught up or still replaying (with its progress), or failing. */
@Component("eventProcessors")
class EventProcessorsHealthIndicator implements HealthIndicator {

    private final CatchUpMonitor monitor;

    EventProcessorsHealthIndicator(CatchUpMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public Health health() {
        Map<String, CatchUpMonitor.ProcessorProgress> progress;
        try {
            progress = monitor.progress();
        } catch (RuntimeException eventStoreUnreachable) {
            // e.g. Axon Server down: progress is measured against the event store's head
            return Health.down().withDetail("error", "the event store does not answer").build();
        }
        boolean down = progress.values().stream().anyMatch(p -> !p.running() || p.failing());
        Health.Builder health = down ? Health.down() : Health.up();
        progress.values().forEach(p -> health.withDetail(p.name(), Map.of(
                "state", p.failing() ? "failing" : !p.running() ? "stopped" : p.caughtUp() ? "caught up"
                        : p.heldElsewhere() ? "held by another instance" : "replaying",
                "eventsDone", p.done(),
                "eventsTotal", p.total())));
        return health.build();
    }
}
