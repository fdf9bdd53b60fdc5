package org.relais.app.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.relais.app.readmodels.ReadModelGroups;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Each event processor: running, caught up or still replaying (with its progress), or failing. A processor that
 * runs several read models (the embedded default runs them all in one) lists them.
 */
@Component("eventProcessors")
class EventProcessorsHealthIndicator implements HealthIndicator {

    private final CatchUpMonitor monitor;
    private final EventProcessingConfiguration processing;
    private final ReadModelGroups readModels;

    EventProcessorsHealthIndicator(CatchUpMonitor monitor, EventProcessingConfiguration processing,
                                   ReadModelGroups readModels) {
        this.monitor = monitor;
        this.processing = processing;
        this.readModels = readModels;
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
        Map<String, TreeSet<String>> shared = sharedReadModels();
        boolean down = progress.values().stream().anyMatch(p -> !p.running() || p.failing());
        Health.Builder health = down ? Health.down() : Health.up();
        progress.values().forEach(p -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("state", p.failing() ? "failing" : !p.running() ? "stopped" : p.caughtUp() ? "caught up"
                    : p.heldElsewhere() ? "held by another instance" : "replaying");
            details.put("eventsDone", p.done());
            details.put("eventsTotal", p.total());
            if (shared.containsKey(p.name())) {
                details.put("readModels", List.copyOf(shared.get(p.name())));
            }
            health.withDetail(p.name(), details);
        });
        return health.build();
    }

    /** The read models each processor runs besides, or instead of, one of its own name. */
    private Map<String, TreeSet<String>> sharedReadModels() {
        Map<String, TreeSet<String>> byProcessor = new LinkedHashMap<>();
        for (String readModel : readModels.names()) {
            processing.eventProcessorByProcessingGroup(readModel).map(EventProcessor::getName)
                    .filter(processor -> !processor.equals(readModel))
                    .ifPresent(processor -> byProcessor.computeIfAbsent(processor, key -> new TreeSet<>())
                            .add(readModel));
        }
        return byProcessor;
    }
}
