package org.relais.web.readmodels;

import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Per-group settings of the read models' processors. The dashboard keeps all its figures in one document that a
 * batch reads, changes and replaces: it must have a single writer, so its processor never gets a second segment,
 * whatever {@code relais.processing.segments} says for the others.
 */
@Configuration(proxyBeanMethods = false)
class ReadModelProcessingConfiguration {

    @Bean
    ConfigurerModule dashboardSingleSegment(@Value("${relais.processing.batch-size:1000}") int batchSize) {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                "dashboard", (config, builder) -> builder.initialSegmentCount(1).maxClaimedSegments(1)
                        .batchSize(batchSize));
    }
}
