package org.relais.web.readside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.mongodb.client.MongoClient;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Status;
import org.relais.web.support.TestDataDirs;

/**
 * The embedded read side's file: kept after a clean close, never trusted after an unclean one, when unreadable or in
 * an older format; what is written (as BSON) comes back equal, and unique keys stay unique across restarts.
 */
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

    @Test
    void a_file_in_the_libraries_java_serialized_format_is_rebuilt_rather_than_misread() {
        MVStore old = new MVStore.Builder().fileName(dir.resolve(EmbeddedReadSideStore.FILE).toString()).open();
        H2Backend javaSerialized = new H2Backend(old);
        MongoServer server = new MongoServer(javaSerialized);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            client.getDatabase("relais").getCollection("things").insertOne(new Document("_id", "old format"));
        } finally {
            server.shutdownNow();
        }
        assertThat(count()).isZero();
    }

    @Test
    void documents_of_every_kind_the_read_models_store_come_back_equal_and_unique_keys_hold() {
        Document rich = new Document("_id", "rich")
                .append("text", "Équipe « mineurs » 🛡")
                .append("number", 42).append("long", 1L << 40).append("decimal", 2.5).append("flag", true)
                .append("nothing", null)
                .append("at", new Date(1_700_000_000_000L))
                .append("id", new ObjectId("65a1b2c3d4e5f60718293a4b"))
                .append("tags", List.of("a", "b", List.of(1, 2)))
                .append("transfers", List.of(new Document("partner", "p1").append("state", "OPEN"),
                        new Document("partner", "p2").append("due", new Date(0))));
        use(things -> {
            things.createIndex(Indexes.ascending("owner", "slot"), new IndexOptions().unique(true).sparse(true));
            things.insertOne(rich);
            things.insertOne(new Document("_id", "first").append("owner", "x").append("slot", 1));
            things.insertOne(new Document("_id", "without owner"));
            assertThatThrownBy(() -> things.insertOne(new Document("_id", "second").append("owner", "x")
                    .append("slot", 1))).as("same compound key").isInstanceOf(MongoWriteException.class);
            things.insertOne(new Document("_id", "other slot").append("owner", "x").append("slot", 2L));
        });
        use(things -> {
            assertThat(things.find(new Document("_id", "rich")).first()).isEqualTo(rich);
            assertThat(things.countDocuments()).isEqualTo(4);
            assertThatThrownBy(() -> things.insertOne(new Document("_id", "again").append("owner", "x")
                    .append("slot", 2))).as("the index survives a restart; 2 and 2L are one key, as in MongoDB")
                    .isInstanceOf(MongoWriteException.class);
            things.replaceOne(new Document("_id", "first"), new Document("owner", "y").append("slot", 7));
            things.insertOne(new Document("_id", "reuses the freed key").append("owner", "x").append("slot", 1));
        });
        use(things -> assertThat(things.find(new Document("owner", "y")).first()).containsEntry("slot", 7));
    }

    @Test
    void a_store_whose_file_failed_reports_it_and_is_rebuilt_at_the_next_start() {
        write("before the failure");
        try (EmbeddedReadSideStore store = EmbeddedReadSideStore.inDirectory(dir, 8)) {
            ReadSideHealthIndicator health = new ReadSideHealthIndicator(null,
                    new StaticListableBeanFactory(Map.of("store", store)).getBeanProvider(EmbeddedReadSideStore.class));
            assertThat(store.failed()).isFalse();
            assertThatThrownBy(() -> store.mvStore().panic(DataUtils.newMVStoreException(
                    DataUtils.ERROR_WRITING_FAILED, "simulated"))).isInstanceOf(MVStoreException.class);
            assertThat(store.failed()).isTrue();
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        }
        assertThat(dir.resolve(EmbeddedReadSideStore.OPEN_MARKER)).as("kept: the file is not trusted").exists();
        assertThat(count()).as("rebuilt from the event store, starting empty").isZero();
    }

    @Test
    void a_dropped_collection_leaves_none_of_its_maps_behind() {
        use(things -> {
            things.createIndex(Indexes.ascending("owner"));
            things.createIndex(Indexes.ascending("slot"), new IndexOptions().unique(true));
            things.insertOne(new Document("_id", "first").append("owner", "x").append("slot", 1));
        });
        try (EmbeddedReadSideStore store = EmbeddedReadSideStore.inDirectory(dir, 8)) {
            assertThat(store.mvStore().getMapNames()).filteredOn(name -> name.contains("relais.things"))
                    .as("the data, meta and both index maps").hasSizeGreaterThanOrEqualTo(4);
        }
        use(MongoCollection::drop);
        try (EmbeddedReadSideStore store = EmbeddedReadSideStore.inDirectory(dir, 8)) {
            assertThat(store.mvStore().getMapNames()).noneMatch(name -> name.contains("relais.things"));
        }
    }

    private void write(String id) {
        use(things -> things.insertOne(new Document("_id", id)));
    }

    private long count() {
        long[] count = new long[1];
        use(things -> count[0] = things.countDocuments());
        return count[0];
    }

    /** Opens the store as the application does, hands its "things" collection to the action, closes it cleanly. */
    private void use(Consumer<MongoCollection<Document>> action) {
        try (EmbeddedReadSideStore store = EmbeddedReadSideStore.inDirectory(dir, 8)) {
            MongoServer server = new MongoServer(store.backend());
            InetSocketAddress address = server.bind();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
                action.accept(client.getDatabase("relais").getCollection("things"));
            } finally {
                server.shutdownNow();
            }
        }
    }
}
