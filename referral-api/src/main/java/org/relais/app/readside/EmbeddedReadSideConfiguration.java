package org.relais.app.readside;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import org.relais.app.config.DataDirectory;
import org.relais.app.upgrade.DataDirectoryUpgrade;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default read side: an in-process MongoDB wire-protocol server bound to loopback only, its data in
 * one SQLite file in {@code relais.data-dir} (see {@link EmbeddedReadSideStore}; {@code relais.read-side.cache-size-mb}
 * is SQLite's page cache), or in memory with {@code relais.read-side.embedded=memory}. Any MongoDB URI switches it
 * off.
 *
 * <p>The server is a bean that the connection details depend on, so it listens before the MongoClient connects, and
 * it is closed after the client (and after the event processors stored their last tokens).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedReadSideCondition.class)
class EmbeddedReadSideConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedReadSideStore embeddedReadSideStore(DataDirectory dataDirectory,
                                                @Value("${relais.read-side.embedded:file}") String mode,
                                                @Value("${relais.read-side.cache-size-mb:128}") int cacheSizeMb,
                                                @Value("${relais.read-side.recovery-delay:PT5S}") Duration recoveryDelay,
                                                DataDirectoryUpgrade upgrade) {
        // taken for its order: a read side of an older shape is removed, and data of a newer version refused, first
        return switch (mode) {
            case "file" -> EmbeddedReadSideStore.inDirectory(dataDirectory.path(), cacheSizeMb, recoveryDelay);
            case "memory" -> EmbeddedReadSideStore.inMemory();
            default -> throw new IllegalStateException("relais.read-side.embedded must be file or memory");
        };
    }

    @Bean(destroyMethod = "shutdownNow")
    MongoServer embeddedMongoServer(EmbeddedReadSideStore store) {
        MongoServer server = new MongoServer(store.backend());
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return server;
    }

    @Bean
    MongoConnectionDetails embeddedMongoConnectionDetails(MongoServer embeddedMongoServer) {
        InetSocketAddress address = embeddedMongoServer.getLocalAddress();
        ConnectionString connection = new ConnectionString(
                "mongodb://" + address.getHostString() + ":" + address.getPort() + "/relais");
        return () -> connection;
    }
}
