package org.relais.app.eventstore;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.relais.app.config.DataDirectory;
import org.relais.app.eventstore.SqliteEventStoreSettings.Durability;
import org.relais.app.upgrade.DataDirectoryUpgrade;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.StringUtils;

/**
 * The write side's database: the events, the wrapped data keys and the reference counters, all committed together.
 *
 * <p>Embedded default: a SQLite file ({@value SqliteEventStoreSettings#FILE}) under {@code relais.data-dir}, created
 * readable by its owner only ({@link DataDirectory}) before SQLite opens it (SQLite gives its -wal and -shm files the
 * main file's permissions), with the settings of {@link SqliteEventStoreSettings}. A former H2 store found there is
 * copied into it first ({@link H2EventStoreMigration}). Any {@code spring.datasource.url} (PostgreSQL in production)
 * replaces it. The data directory's record is checked first ({@link DataDirectoryUpgrade}: data written by a newer
 * version is refused before the file is opened for writing). The data source is declared here rather than left to Boot because Axon's JDBC auto-configuration checks
 * for a DataSource before Boot 4's own one has run.
 */
@Configuration(proxyBeanMethods = false)
class WriteSideDataSourceConfiguration {

    /**
     * Connections of the embedded store's pool. Writers take turns anyway ({@link OneWriterTransactionManager}); the
     * other connections let reads outside a transaction (the processors' polls, the event store reads of queries)
     * run while a command's transaction holds the write lock. Measured through the command bus alone (streaming
     * processors stopped), 1,500 referral intakes per figure, three warm rounds, the three set-ups interleaved in one
     * JVM, on 2 cores shared with other builds (load average 3.6-4.8), so with a wide spread:
     * <ul>
     * <li>{@code power-loss}: one connection, 8 threads 870-2,120 cmd/s, p99 8-79 ms, slowest 18-161 ms; 8
     * connections with the writers queued on a fair lock 730-2,320 cmd/s, p99 9-83 ms, slowest 10-148 ms; 8
     * connections left to SQLite's busy handler 720-1,610 cmd/s, p99 12-181 ms, slowest 0.9-2.0 s.</li>
     * <li>{@code process}: one connection 2,830-2,980 cmd/s, p99 9-11 ms, slowest 11-14 ms; fair lock 2,730-3,160,
     * p99 9-11 ms, slowest 10-17 ms; busy handler 3,140-3,560, p99 54-61 ms, slowest 0.23-0.44 s.</li>
     * <li>1 thread: 1,460-2,370 ({@code power-loss}) and 2,490-3,930 ({@code process}) cmd/s whatever the pool.</li>
     * </ul>
     * The busy handler's sleeps grow to 100 ms and serve no order (a long burst would reach the busy timeout and
     * fail a command); the fair lock keeps latency flat at the throughput of one connection, and the pool keeps
     * reads from waiting behind a write.
     *
     * <p>The fsync per commit costs about a third of the rate ({@code process} against {@code power-loss} above).
     * Group commit (several commands sharing one transaction and one fsync) is not done: each command is an Axon unit
     * of work committing its own Spring transaction, with its own after-commit work (key cache, erasure checkpoint,
     * answer); in a shared transaction one command's rejection or conflict would roll back the others' unless each ran
     * under a savepoint, and every answer would wait for the last command of its group.
     */
    static final int EMBEDDED_POOL_SIZE = 8;

    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties external, DataDirectory dataDirectory,
                                @Value("${relais.event-store.durability:power-loss}") String durability,
                                DataDirectoryUpgrade upgrade) {
        if (external.getUrl() != null && !external.getUrl().isBlank()) {
            return external.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        }
        Durability chosen = Durability.of(durability);
        new H2EventStoreMigration(dataDirectory, chosen).migrateIfPresent();
        HikariDataSource embedded = new EmbeddedEventStoreDataSource();
        embedded.setPoolName("relais-events");
        embedded.setJdbcUrl(SqliteEventStoreSettings.jdbcUrl(dataDirectory.file(SqliteEventStoreSettings.FILE)));
        embedded.setDataSourceProperties(SqliteEventStoreSettings.driverProperties(chosen));
        embedded.setMaximumPoolSize(EMBEDDED_POOL_SIZE);
        return embedded;
    }

    /** On the embedded store only; with an external database Boot's own transaction manager is left in place. */
    @Bean
    @Conditional(EmbeddedStore.class)
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new OneWriterTransactionManager(dataSource);
    }

    /** No {@code spring.datasource.url}: the embedded SQLite store. */
    static final class EmbeddedStore implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
