package org.relais.app.readmodels;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relais.projections.support.DocumentBatch;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Documents that are only ever created (audit entries) are inserted, and an event delivered again after a restart
 * from an older token leaves the entry it already produced as it is instead of failing the batch.
 */
class DocumentBatchTest {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final InetSocketAddress address = server.bind();
    private final MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    private final MongoTemplate mongo = new MongoTemplate(client, "relais");

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void created_documents_are_inserted_once_and_a_redelivered_batch_is_harmless() {
        DocumentBatch first = new DocumentBatch(mongo);
        first.create("entries", "event-1", new Entry("acknowledged"));
        first.create("entries", "event-2", new Entry("accepted"));
        assertThat(first.pendingWrites()).isEqualTo(2);
        first.flush();

        DocumentBatch redelivered = new DocumentBatch(mongo);
        redelivered.create("entries", "event-2", new Entry("accepted"));
        redelivered.create("entries", "event-3", new Entry("completed"));
        redelivered.flush();

        assertThat(mongo.getCollection("entries").find().sort(new Document("_id", 1))
                .map(document -> document.getString("_id") + ":" + document.getString("what")).into(new ArrayList<>()))
                .containsExactly("event-1:acknowledged", "event-2:accepted", "event-3:completed");
        assertThat(redelivered.pendingWrites()).isZero();
    }

    record Entry(String what) {
    }
}
