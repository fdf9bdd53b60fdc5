package org.relais.app.integrity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import javax.sql.DataSource;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.relais.app.eventstore.SqliteEventStoreSettings;
import org.relais.app.keys.KeyDirectory;
import org.relais.app.topology.SegmentSharing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class IntegrityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IntegrityConfiguration.class);
    static final String SIGNING_KEY_FILE = "signing.key";
    static final String CHECKPOINT_LOG_FILE = "checkpoints.log";

    /** Subscribing: each event's seal is written in the transaction that appends the event. */
    @Bean
    ConfigurerModule eventSealProcessor() {
        return configurer -> configurer.eventProcessing().registerSubscribingEventProcessor(EventSealer.PROCESSING_GROUP);
    }

    /**
     * The chain lives in the write-side database, and so does this processor's token, in the same transaction: the
     * chain resumes where it stopped after a restart and never chains an event twice or skips one.
     */
    @Bean
    ConfigurerModule integrityChainProcessor(ConnectionProvider connections, TransactionManager transactions,
                                             SegmentSharing instance, DataSource dataSource) {
        return configurer -> configurer.eventProcessing()
                .registerTokenStore(AuditChain.PROCESSING_GROUP, config -> {
                    JdbcTokenStore.Builder tokens = JdbcTokenStore.builder()
                            .connectionProvider(connections)
                            .nodeId(instance.instanceId())
                            .serializer(config.serializer())
                            .schema(TokenSchema.builder().build());
                    return SqliteEventStoreSettings.isSqlite(dataSource)
                            ? new LockingTransactionTokenStore(tokens) : tokens.build();
                })
                .registerTransactionManager(AuditChain.PROCESSING_GROUP, config -> transactions)
                // a chain has one writer, in delivery order, whatever relais.processing.segments says for the others
                .registerPooledStreamingEventProcessorConfiguration(AuditChain.PROCESSING_GROUP,
                        (config, builder) -> builder.initialSegmentCount(1).maxClaimedSegments(1));
    }

    /**
     * The checkpoints' key: from configuration, or for the embedded default generated once in the key directory
     * (never in the data directory: a copy of the data must not be able to sign a history of its own). With an
     * external database every instance must sign with one given key, like the other keys.
     */
    @Bean
    SigningKey checkpointSigningKey(IntegrityProperties integrity, KeyDirectory keys, Environment environment,
                                    SecureRandom random) {
        if (integrity.signingKey() != null && !integrity.signingKey().isBlank()) {
            return SigningKey.fromBase64(integrity.signingKey());
        }
        String datasource = environment.getProperty("spring.datasource.url");
        if (datasource != null && !datasource.isBlank()) {
            throw new IllegalStateException("relais.integrity.signing-key must be set when the events live in an "
                    + "external database");
        }
        if (!Files.exists(keys.file(SIGNING_KEY_FILE))) {
            keys.writeOwnerOnly(SIGNING_KEY_FILE, SigningKey.generate(random).toBase64()
                    .getBytes(StandardCharsets.US_ASCII));
            log.warn("Generated the checkpoint signing key {} in the key directory; back the key directory up apart "
                    + "from the data, and publish its public key (GET /api/audit/checkpoints)", SIGNING_KEY_FILE);
        }
        try {
            return SigningKey.fromBase64(Files.readString(keys.file(SIGNING_KEY_FILE), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint signing key", e);
        }
    }

    /**
     * Outside the event database: by default beside the keys, or wherever relais.integrity.checkpoint-log says (a
     * volume of the instance's own in a container). Created on the first checkpoint, not at start.
     */
    @Bean
    CheckpointLog checkpointLog(IntegrityProperties integrity, KeyDirectory keys) {
        return new CheckpointLog(integrity.checkpointLog() != null && !integrity.checkpointLog().isBlank()
                ? Path.of(integrity.checkpointLog().strip()) : keys.path().resolve(CHECKPOINT_LOG_FILE));
    }
}
