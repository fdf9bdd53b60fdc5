package org.relais.web.eventstore;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import org.relais.web.config.DataDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The write side's database: the events, the wrapped data keys and the reference counters, all committed together.
 *
 * <p>Embedded default: an H2 file under {@code relais.data-dir}, readable by its owner only ({@link DataDirectory}).
 * Any {@code spring.datasource.url} (PostgreSQL in production) replaces it. The data source is declared here rather than left to Boot because Axon's JDBC
 * auto-configuration checks for a DataSource before Boot 4's own one has run.
 *
 * <p>{@code WRITE_DELAY=0} makes H2 hand every commit to the operating system before the command is answered; by
 * default H2 batches commits for up to half a second, and a kill -9 then loses commands already acknowledged
 * (KillDashNineTest fails with the default). It costs about half of the sequential intake rate (see
 * docs/benchmarks.md). It also switches off H2's background compaction: {@link EventStoreCompaction} does it on a
 * schedule, and {@code MAX_COMPACT_TIME} shrinks the file on every clean shutdown; after an erasure, the clean
 * shutdown rewrites the whole file instead ({@link EmbeddedEventStoreDataSource}).
 */
@Configuration(proxyBeanMethods = false)
class WriteSideDataSourceConfiguration {

    static final String EVENT_STORE_FILE = "events.mv.db";
    static final String H2_SETTINGS = h2Settings(Duration.ofSeconds(5));

    /** @param closeCompaction how long an ordinary clean shutdown may spend shrinking the file */
    static String h2Settings(Duration closeCompaction) {
        return ";WRITE_DELAY=0;MAX_COMPACT_TIME=" + closeCompaction.toMillis()
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
    }

    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties external, DataDirectory dataDirectory,
                                @Value("${relais.event-store.close-compaction-budget:PT5S}") Duration closeCompaction) {
        if (external.getUrl() != null && !external.getUrl().isBlank()) {
            return external.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        }
        // created owner-only before H2 opens it: H2 keeps an existing file's permissions
        dataDirectory.file(EVENT_STORE_FILE);
        HikariDataSource embedded = new EmbeddedEventStoreDataSource(dataDirectory.path());
        embedded.setPoolName("relais-events");
        embedded.setJdbcUrl("jdbc:h2:file:" + dataDirectory.path().resolve("events") + h2Settings(closeCompaction));
        embedded.setUsername("relais");
        embedded.setPassword("");
        embedded.setMaximumPoolSize(10);
        return embedded;
    }
}
