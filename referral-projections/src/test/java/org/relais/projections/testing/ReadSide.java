package org.relais.projections.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import org.relais.embeddedmongo.EmbeddedMongoStore;
import org.relais.projections.support.AppliedPositions;
import org.relais.projections.support.BatchProjection;
import org.relais.projections.support.LiveBatches;
import org.relais.projections.support.ProjectionContext;
import org.relais.projections.support.ProjectionGenerations;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The embedded read side as the application runs it (the SQLite store behind the MongoDB wire protocol), in a
 * directory of its own, with a plain {@link MongoTemplate} over it and the projections' support: no Spring context,
 * no web application.
 */
public final class ReadSide implements AutoCloseable {

    private final EmbeddedMongoStore store;
    private final MongoServer server;
    private final MongoClient client;
    private final MongoTemplate mongo;
    private final ProjectionGenerations generations;
    private final AppliedPositions applied = new AppliedPositions();
    private final ProjectionContext context;

    private ReadSide(Path directory) {
        this.store = EmbeddedMongoStore.open(directory.resolve("readside.sqlite"), 16, Duration.ofSeconds(5));
        this.server = new MongoServer(store.backend());
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        InetSocketAddress address = server.getLocalAddress();
        this.client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        this.mongo = new MongoTemplate(client, "relais");
        this.generations = new ProjectionGenerations(mongo);
        this.context = new ProjectionContext(mongo, generations, new LiveBatches(generations, applied));
    }

    public static ReadSide embedded() {
        try {
            return new ReadSide(Files.createTempDirectory("relais-readside-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public MongoTemplate mongo() {
        return mongo;
    }

    public ProjectionGenerations generations() {
        return generations;
    }

    public ProjectionContext context() {
        return context;
    }

    /** Declares the projection's indexes on its active generation, as the application does at start. */
    public <P extends BatchProjection> P started(P projection) {
        projection.declareIndexes(generations.active(projection.name()));
        return projection;
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
        store.close();
    }
}
