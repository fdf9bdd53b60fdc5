package org.relais.web.eventstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.relais.web.config.RelaisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default write side: an H2 file database under {@code relais.data-dir}. Any
 * {@code spring.datasource.url} (PostgreSQL in production) replaces it.
 *
 * <p>{@code WRITE_DELAY=0} makes H2 hand every commit to the operating system before the command is answered; by
 * default H2 batches commits for up to half a second, and a kill -9 then loses commands already acknowledged.
 * It costs about half of the sequential intake rate (see docs/benchmarks.md). It also switches off H2's background
 * compaction, so {@code MAX_COMPACT_TIME} compacts the file on every clean shutdown.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedEventStoreCondition.class)
class EmbeddedEventStoreConfiguration {

    static final String H2_SETTINGS = ";WRITE_DELAY=0;MAX_COMPACT_TIME=5000;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";

    @Bean(destroyMethod = "close")
    DataSource dataSource(RelaisProperties properties) {
        Path directory = properties.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + directory, e);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("relais-events");
        config.setJdbcUrl("jdbc:h2:file:" + directory.resolve("events") + H2_SETTINGS);
        config.setUsername("relais");
        config.setPassword("");
        config.setMaximumPoolSize(10);
        return new HikariDataSource(config);
    }
}
