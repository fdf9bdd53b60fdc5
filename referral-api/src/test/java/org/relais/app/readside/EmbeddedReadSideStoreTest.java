package org.relais.app.readside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.mongodb.client.MongoClient;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Status;
import org.relais.app.support.TestDataDirs;

/**
 * The embedded read side's file: kept after a clean close and after an abandoned one (each write command is one
 * SQLite transaction), moved aside when unreadable, deleted in the earlier MVStore format; what is written comes back
 * equal, unique keys stay unique across restarts, and a file that fails while running is reopened by itself.
 */
class EmbeddedReadSideStoreTest {

    private final Path dir = TestDataDirs.create("read-side-store");

    @Test
    void documents_survive_a_clean_close() {
        write("kept");
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void documents_survive_a_store_abandoned_without_close_as_after_a_kill() {
        EmbeddedReadSideStore abandoned = EmbeddedReadSideStore.inDirectory(dir, 8);
        MongoServer server = new MongoServer(abandoned.backend());
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            client.getDatabase("relais").getCollection("things").insertOne(new Document("_id", "committed"));
        } finally {
            server.shutdownNow();
        }
        // never closed: no checkpoint, the write is only in the write-ahead log
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void an_unreadable_file_is_moved_aside_and_replaced_by_an_empty_store_instead_of_stopping_the_start()
            throws Exception {
        Files.write(dir.resolve(EmbeddedReadSideStore.FILE), "not a database at all".repeat(4000).getBytes());
        assertThat(count()).isZero();
        write("after");
        assertThat(count()).isEqualTo(1);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .anyMatch(name -> name.startsWith(EmbeddedReadSideStore.FILE + ".unreadable-"));
        }
    }

    @Test
    void the_read_side_file_of_an_earlier_version_is_deleted_at_start() throws Exception {
        Files.writeString(dir.resolve(EmbeddedReadSideStore.OLD_FILE), "an MVStore file");
        Files.writeString(dir.resolve(EmbeddedReadSideStore.OLD_MARKER), "open\n");
        assertThat(count()).isZero();
        assertThat(dir.resolve(EmbeddedReadSideStore.OLD_FILE)).doesNotExist();
        assertThat(dir.resolve(EmbeddedReadSideStore.OLD_MARKER)).doesNotExist();
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
    void a_store_whose_file_fails_reports_it_and_reopens_it_with_what_was_committed() {
        write("before the failure");
        try (EmbeddedReadSideStore store = EmbeddedReadSideStore.inDirectory(dir, 8, Duration.ofMillis(300))) {
            ReadSideHealthIndicator health = new ReadSideHealthIndicator(null,
                    new StaticListableBeanFactory(Map.of("store", store)).getBeanProvider(EmbeddedReadSideStore.class));
            MongoServer server = new MongoServer(store.backend());
            InetSocketAddress address = server.bind();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
                MongoCollection<Document> things = client.getDatabase("relais").getCollection("things");
                store.file().breakWriterConnection();
                assertThatThrownBy(() -> things.insertOne(new Document("_id", "lost with the failure")))
                        .isInstanceOf(MongoException.class);
                assertThat(store.failed()).isTrue();
                assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
                await().atMost(Duration.ofSeconds(30)).until(() -> !store.failed());
                things.insertOne(new Document("_id", "after the reopening"));
                assertThat(things.find().map(document -> document.getString("_id")).into(new ArrayList<>()))
                        .containsExactlyInAnyOrder("before the failure", "after the reopening");
            } finally {
                server.shutdownNow();
            }
        }
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void a_dropped_collection_leaves_none_of_its_tables_behind_and_gives_its_pages_back() throws Exception {
        use(things -> {
            things.createIndex(Indexes.ascending("owner"));
            things.createIndex(Indexes.ascending("slot"), new IndexOptions().unique(true));
            for (int i = 0; i < 2_000; i++) {
                things.insertOne(new Document("_id", "d" + i).append("owner", "x" + i).append("slot", i)
                        .append("text", "y".repeat(500)));
            }
        });
        long filled = Files.size(dir.resolve(EmbeddedReadSideStore.FILE));
        use(MongoCollection::drop);
        assertThat(tables()).noneMatch(name -> name.contains("relais.things"));
        assertThat(Files.size(dir.resolve(EmbeddedReadSideStore.FILE))).isLessThan(filled / 4);
    }

    private List<String> tables() throws Exception {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + dir.resolve(EmbeddedReadSideStore.FILE));
             java.sql.ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT name FROM sqlite_master WHERE type = 'table'")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
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
