package org.relais.web.readside;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.relais.web.support.TestDataDirs;

/** The embedded read side's file: kept after a clean close, never trusted after an unclean one or when unreadable. */
class EmbeddedReadSideStoreTest {

    private final Path dir = TestDataDirs.create("read-side-store");

    @Test
    void documents_survive_a_clean_close_and_the_open_marker_is_removed() {
        write("kept");
        assertThat(dir.resolve(EmbeddedReadSideStore.OPEN_MARKER)).doesNotExist();
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void a_store_left_open_by_a_crash_is_started_afresh() throws Exception {
        write("left open");
        Files.writeString(dir.resolve(EmbeddedReadSideStore.OPEN_MARKER), "open\n");
        assertThat(count()).isZero();
    }

    @Test
    void an_unreadable_file_is_replaced_by_an_empty_store_instead_of_stopping_the_start() throws Exception {
        Files.write(dir.resolve(EmbeddedReadSideStore.FILE), new byte[64 * 1024]);
        assertThat(count()).isZero();
        write("after");
        assertThat(count()).isEqualTo(1);
    }

    private void write(String id) {
        try (EmbeddedReadSideStore store = EmbeddedReadSideStore.inDirectory(dir, 8)) {
            MongoServer server = new MongoServer(store.backend());
            InetSocketAddress address = server.bind();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
                client.getDatabase("relais").getCollection("things").insertOne(new Document("_id", id));
            } finally {
                server.shutdownNow();
            }
        }
    }

    private long count() {
        try (EmbeddedReadSideStore store = EmbeddedReadSideStore.inDirectory(dir, 8)) {
            MongoServer server = new MongoServer(store.backend());
            InetSocketAddress address = server.bind();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
                return client.getDatabase("relais").getCollection("things").countDocuments();
            } finally {
                server.shutdownNow();
            }
        }
    }
}
