package org.relais.app.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.axonframework.springboot.autoconfig.AxonServerAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Axon's JDBC storage engine as its auto-configuration builds it, with the queries that may find no value written so
 * that they return no row instead of a NULL aggregate. sqlite-jdbc's {@code getObject(column, Long.class)} throws
 * ("Bad value for type Long") on a NULL instead of returning null, so on an empty store or at the end of the stream
 * Axon's {@code min}/{@code max} queries (tail and head tokens, a token at a time, the next index ahead of a tracking
 * token, an aggregate's last sequence number) fail: every tracking processor would fail once caught up. The
 * {@code ORDER BY … LIMIT 1} forms use the same indexes and mean the same on PostgreSQL.
 *
 * <p>On SQLite the engine reads outside a Spring transaction ({@link ReadsOutsideTransactions}): every transaction
 * there takes the write lock when it begins, and the processors' polls need none. PostgreSQL keeps Axon's default,
 * reading in a transaction.
 *
 * <p>An auto-configuration (ordered before Axon's JDBC one), so that its conditions see every engine and event store
 * the application and Axon Server's auto-configuration declare.
 */
@AutoConfiguration(before = JdbcAutoConfiguration.class,
        after = {AxonServerAutoConfiguration.class, JpaAutoConfiguration.class, JpaEventStoreAutoConfiguration.class})
@ConditionalOnBean(DataSource.class)
public class EventStorageEngineConfiguration {

    /** Like Axon's, it steps aside for any other engine or event store (Axon Server, a test's). */
    @Bean
    @ConditionalOnMissingBean({EventStorageEngine.class, EventStore.class})
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          DataSource dataSource) {
        EventSchema eventSchema = EventSchema.builder().build();
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(SqliteEventStoreSettings.isSqlite(dataSource)
                        ? new ReadsOutsideTransactions(transactionManager) : transactionManager)
                .schema(eventSchema)
                .fetchTrackedEvents(EventStorageEngineConfiguration::firstIndexAfter)
                .createHeadToken(EventStorageEngineConfiguration::highestIndex)
                .createTailToken(EventStorageEngineConfiguration::lowestIndexMinusOne)
                .createTokenAt(EventStorageEngineConfiguration::indexBeforeFirstAt)
                .lastSequenceNumberFor(EventStorageEngineConfiguration::lastSequenceNumber)
                .build();
    }

    private static PreparedStatement firstIndexAfter(Connection connection, EventSchema schema, long index)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement("SELECT " + schema.globalIndexColumn() + " FROM "
                + schema.domainEventTable() + " WHERE " + schema.globalIndexColumn() + " > ? ORDER BY "
                + schema.globalIndexColumn() + " ASC LIMIT 1");
        statement.setLong(1, index);
        return statement;
    }

    private static PreparedStatement highestIndex(Connection connection, EventSchema schema) throws SQLException {
        return connection.prepareStatement("SELECT " + schema.globalIndexColumn() + " FROM "
                + schema.domainEventTable() + " ORDER BY " + schema.globalIndexColumn() + " DESC LIMIT 1");
    }

    private static PreparedStatement lowestIndexMinusOne(Connection connection, EventSchema schema)
            throws SQLException {
        return connection.prepareStatement("SELECT " + schema.globalIndexColumn() + " - 1 FROM "
                + schema.domainEventTable() + " ORDER BY " + schema.globalIndexColumn() + " ASC LIMIT 1");
    }

    private static PreparedStatement indexBeforeFirstAt(Connection connection, EventSchema schema,
                                                        java.time.Instant at) throws SQLException {
        PreparedStatement statement = connection.prepareStatement("SELECT " + schema.globalIndexColumn() + " - 1 FROM "
                + schema.domainEventTable() + " WHERE " + schema.timestampColumn() + " >= ? ORDER BY "
                + schema.globalIndexColumn() + " ASC LIMIT 1");
        statement.setString(1, DateTimeUtils.formatInstant(at));
        return statement;
    }

    private static PreparedStatement lastSequenceNumber(Connection connection, EventSchema schema,
                                                        String aggregateIdentifier) throws SQLException {
        PreparedStatement statement = connection.prepareStatement("SELECT " + schema.sequenceNumberColumn()
                + " FROM " + schema.domainEventTable() + " WHERE " + schema.aggregateIdentifierColumn()
                + " = ? ORDER BY " + schema.sequenceNumberColumn() + " DESC LIMIT 1");
        statement.setString(1, aggregateIdentifier);
        return statement;
    }
}
