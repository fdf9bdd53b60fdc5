package org.relais.web.readside;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default read side: an in-process MongoDB wire-protocol server, in memory, bound to loopback only.
 * It holds no data across restarts, so read models and the processors' tokens start empty and are rebuilt from the
 * event store at every start. Any MongoDB URI switches it off.
 *
 * <p>The server is a bean that the connection details depend on, so it listens before the MongoClient connects.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedReadSideCondition.class)
class EmbeddedReadSideConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    MongoServer embeddedMongoServer() {
        MongoServer server = new MongoServer(new MemoryBackend());
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
