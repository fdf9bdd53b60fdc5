package org.relais.app.topology;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Which segments of each event processor this instance holds, among how many live instances: what an operator
 * looks at after adding or losing an instance. Informational: it never turns the health DOWN.
 */
@Component("segments")
class SegmentSharingHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration processing;
    private final SegmentSharing sharing;

    SegmentSharingHealthIndicator(EventProcessingConfiguration processing, SegmentSharing sharing) {
        this.processing = processing;
        this.sharing = sharing;
    }

    @Override
    public Health health() {
        Map<String, Object> claimed = new LinkedHashMap<>();
        processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .forEach(processor -> claimed.put(processor.getName(),
                        List.copyOf(processor.processingStatus().keySet().stream().sorted().toList())));
        return Health.up()
                .withDetail("instance", sharing.instanceId())
                .withDetail("liveInstances", sharing.liveInstances())
                .withDetail("claimed", claimed)
                .build();
    }
}
