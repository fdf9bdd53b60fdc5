package org.relais.app.readmodels;

import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which processors run the read models.
 *
 * <p>With one segment per processor ({@code relais.processing.segments=1}, the embedded default) every read model's
 * processing group runs in one shared processor, {@value #SHARED_PROCESSOR}: one stream read, one deserialization
 * and one unit of work per event instead of one per read model. A catch-up of the read side is the largest cost of a
 * first start, and a processor per read model, each repeating that framework work, took about 40 % of the CPU of
 * two cores; one processor makes a first start about 1.6 times faster (docs/benchmarks.md). Each read model keeps
 * its own processing group, collections, reset handler and batch ({@code LiveBatches} applies per projection); what
 * they share is the token, so a read model that keeps failing holds the others back, as the processor retries the
 * batch for all. A read side written with a processor per read model carries over to it ({@link CarriedOverToken}).
 *
 * <p>With more segments, or {@code relais.processing.shared-read-models=false} (to keep a read model that fails
 * from holding the others back), each read model keeps its own processor, so that instances can share them; the
 * dashboard keeps all its figures in one document that a batch reads, changes and replaces: it must have a single
 * writer, so its processor never gets a second segment.
 */
@Configuration(proxyBeanMethods = false)
class ReadModelProcessingConfiguration {

    static final String SHARED_PROCESSOR = "read-models";

    @Bean
    ConfigurerModule readModelProcessors(@Value("${relais.processing.batch-size:1000}") int batchSize,
                                         @Value("${relais.processing.segments:1}") int segments,
                                         @Value("${relais.processing.shared-read-models:true}") boolean shared,
                                         ReadModelGroups readModels) {
        if (segments > 1 || !shared) {
            return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                    "dashboard", (config, builder) -> builder.initialSegmentCount(1).maxClaimedSegments(1)
                            .batchSize(batchSize));
        }
        return configurer -> configurer.eventProcessing()
                .assignProcessingGroup(group -> readModels.contains(group) ? SHARED_PROCESSOR : group)
                .registerPooledStreamingEventProcessorConfiguration(SHARED_PROCESSOR, (config, builder) ->
                        builder.initialSegmentCount(1).maxClaimedSegments(1).batchSize(batchSize)
                                .initialToken(source -> CarriedOverToken.lowestOf(
                                        config.eventProcessingConfiguration().tokenStore(SHARED_PROCESSOR),
                                        readModels.names())));
    }
}
