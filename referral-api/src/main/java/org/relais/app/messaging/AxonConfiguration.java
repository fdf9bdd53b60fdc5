package org.relais.app.messaging;

import java.time.Duration;
import java.util.List;

import com.mongodb.client.MongoClient;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.relais.core.access.CaseAccessLedger;
import org.relais.core.api.ActorMetadata;
import org.relais.core.partner.EventStorePartnerDirectory;
import org.relais.core.partner.PartnerDirectory;
import org.relais.core.partner.PartnerModel;
import org.relais.core.referral.ReferralModel;
import org.relais.app.topology.SegmentSharing;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/** How Axon is put together for Relais: aggregates, serializer, token store and event processors. */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /**
     * The aggregates are package-private in referral-core, so they are registered here rather than scanned. Each
     * takes the version a client expects (If-Match) from the command's metadata, see {@link ExpectedVersion}.
     */
    @Bean
    ConfigurerModule relaisAggregates() {
        return configurer -> {
            for (Class<?> aggregate : List.of(ReferralModel.aggregateType(), PartnerModel.aggregateType())) {
                configurer.configureAggregate(withExpectedVersion(aggregate));
            }
        };
    }

    private static <A> AggregateConfigurer<A> withExpectedVersion(Class<A> aggregate) {
        return AggregateConfigurer.defaultConfiguration(aggregate)
                .configureCommandTargetResolver(config -> new ExpectedVersion(config.eventStore()));
    }

    /**
     * Each command runs in one Spring transaction: its events, the data keys it creates and its idempotency record
     * commit together or not at all. Axon's own transaction auto-configuration waits for Boot 3's class names, so on
     * Boot 4 with plain JDBC it would fall back to no transaction at all (auto-commit per statement).
     */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactions) {
        return new SpringTransactionManager(transactions);
    }

    /**
     * The transfer gate reads a partner's terms from its stored events, never from a read model, so a transfer
     * requested after a suspension was stored is always rejected.
     */
    @Bean
    PartnerDirectory partnerDirectory(EventStore eventStore) {
        return new EventStorePartnerDirectory(eventStore);
    }

    /** What a case's transfers grant partners, read from the referral's stored events like the directory. */
    @Bean
    CaseAccessLedger caseAccessLedger(EventStore eventStore) {
        return new CaseAccessLedger(eventStore);
    }

    /**
     * Every read model is in MongoDB, which the embedded server cannot run in transactions: processors run without
     * one, and every projection is idempotent instead. One segment suits two cores best, and batches of up to 1000
     * make a catch-up fast; a failing handler stops and retries its batch instead of skipping the event (read models
     * must stay complete).
     * With several instances, {@link SegmentSharing} shares the segments among them.
     */
    @Bean
    ConfigurerModule relaisEventProcessing(@Value("${relais.processing.batch-size:1000}") int batchSize,
                                           @Value("${relais.processing.segments:1}") int segments,
                                           SegmentSharing segmentSharing, EventCommits commits) {
        return configurer -> configurer.eventProcessing()
                .usingPooledStreamingEventProcessors()
                .registerPooledStreamingEventProcessorConfiguration((config, builder) ->
                        segmentSharing.applyTo(builder.initialSegmentCount(segments).batchSize(batchSize)
                                .messageSource(commits.around(config.eventStore()))))
                .registerDefaultTransactionManager(config -> NoTransactionManager.INSTANCE)
                .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance());
    }

    /**
     * The start-up catch-up of an empty read side begins with a {@code ReplayToken} whose context is an untyped
     * object; without a validator allowing Axon's own types, Jackson 3 refuses it and the processor retries forever
     * having handled nothing.
     */
    @Bean
    Jackson3SerializerCustomizer axonTypesAllowed() {
        return builder -> builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .allowIfSubType("java.util.")
                .allowIfSubType("java.lang.")
                .build());
    }

    /**
     * Tokens live with the read models, so an empty read side replays from the event store on its own. Claims are
     * made in the name of this application instance, not of the JVM (Axon's default), so that two instances in one
     * JVM, as some tests run them, do not both believe they hold a segment.
     */
    @Bean
    TokenStore tokenStore(MongoClient mongoClient,
                          @Value("${spring.mongodb.database:relais}") String database,
                          Serializer serializer,
                          @Value("${relais.processing.claim-timeout:PT10S}") Duration claimTimeout,
                          SegmentSharing segmentSharing) {
        return MongoTokenStore.builder()
                .nodeId(segmentSharing.instanceId())
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(mongoClient, database).build())
                .serializer(serializer)
                .claimTimeout(claimTimeout)
                .ensureIndexes(true)
                .build();
    }

    /** See {@link EventCommits}: the processors learn of this instance's commits at once. */
    @Bean(destroyMethod = "shutdown")
    EventCommits eventCommits() {
        return new EventCommits();
    }

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** Who acted travels from each command to the events it causes. */
    @Bean
    CorrelationDataProvider actorCorrelationProvider() {
        return new SimpleCorrelationDataProvider(ActorMetadata.USER, ActorMetadata.ROLE, ActorMetadata.PARTNER,
                ActorMetadata.CORRELATION_ID);
    }
}
