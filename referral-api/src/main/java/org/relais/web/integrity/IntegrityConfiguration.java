package org.relais.web.integrity;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.relais.web.topology.SegmentSharing;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IntegrityConfiguration {

    /**
     * The chain lives in the write-side database, and so does this processor's token, in the same transaction: the
     * chain resumes where it stopped after a restart and never chains an event twice or skips one.
     */
    /** Subscribing: each event's seal is written in the transaction that appends the event. */
    @Bean
    ConfigurerModule eventSealProcessor() {
        return configurer -> configurer.eventProcessing().registerSubscribingEventProcessor(EventSealer.PROCESSING_GROUP);
    }

    @Bean
    ConfigurerModule integrityChainProcessor(ConnectionProvider connections, TransactionManager transactions,
                                             SegmentSharing instance) {
        return configurer -> configurer.eventProcessing()
                .registerTokenStore(AuditChain.PROCESSING_GROUP, config -> JdbcTokenStore.builder()
                        .connectionProvider(connections)
                        .nodeId(instance.instanceId())
                        .serializer(config.serializer())
                        .schema(TokenSchema.builder().build())
                        .build())
                .registerTransactionManager(AuditChain.PROCESSING_GROUP, config -> transactions)
                // a chain has one writer, in delivery order, whatever relais.processing.segments says for the others
                .registerPooledStreamingEventProcessorConfiguration(AuditChain.PROCESSING_GROUP,
                        (config, builder) -> builder.initialSegmentCount(1).maxClaimedSegments(1));
    }
}
