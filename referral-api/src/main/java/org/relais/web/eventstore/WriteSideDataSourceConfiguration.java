package org.relais.web.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import org.relais.web.config.DataDirectory;
import org.relais.web.eventstore.SqliteEventStoreSettings.Durability;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The write side's database: the events, the wrapped data keys and the reference counters, all committed together.
 *
 * <p>Embedded default: a SQLite file ({@value SqliteEventStoreSettings#FILE}) under {@code relais.data-dir}, created
 * readable by its owner only ({@link DataDirectory}) before SQLite opens it (SQLite gives its -wal and -shm files the
 * main file's permissions), with the settings of {@link SqliteEventStoreSettings}. A former H2 store found there is
 * copied into it first ({@link H2EventStoreMigration}). Any {@code spring.datasource.url} (PostgreSQL in production)
 * replaces it. The data source is declared here rather than left to Boot because Axon's JDBC auto-configuration checks
 * for a DataSource before Boot 4's own one has run.
 */
@Configuration(proxyBeanMethods = false)
class WriteSideDataSourceConfiguration {

    /**
     * One connection for the whole embedded store. SQLite has one writer at a time and every transaction here takes
     * the write lock when it begins, so a larger pool only adds connections that sleep in SQLite's busy handler
     * (which polls with growing pauses) instead of queueing fairly in the pool; see {@link #EMBEDDED_POOL_SIZE_WHY}.
     */
    static final int EMBEDDED_POOL_SIZE = 1;

    /** Filled in with the measured figures, see the report. */
    static final String EMBEDDED_POOL_SIZE_WHY = "";

    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties external, DataDirectory dataDirectory,
                                @Value("${relais.event-store.durability:power-loss}") String durability) {
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
}
