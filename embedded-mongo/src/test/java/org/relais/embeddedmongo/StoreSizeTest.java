package org.relais.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file stays within twice its live data through what a read side does: documents rewritten many times (a
 * catch-up), and rebuilds that write a new generation of a collection and then drop the old one. Live data is the
 * size of a compacted copy of the file ({@code VACUUM INTO}); the write-ahead log beside it is bounded on its own
 * (checkpointed every 1,000 pages, cut back to 4 MiB).
 */
class StoreSizeTest {

    private static final int DOCUMENTS = 8_000;

    @TempDir
    Path directory;

    @Test
    void the_file_stays_within_twice_its_live_data_through_rewrites_and_rebuilds() throws Exception {
        Path file = directory.resolve("size.sqlite");
        EmbeddedMongoStore store = EmbeddedMongoStore.open(file, 8, Duration.ofSeconds(1));
        Random random = new Random(5);
        List<String> figures = new ArrayList<>();
        for (int generation = 1; generation <= 3; generation++) {
            int g = generation;
            withCases(store, "cases_g" + g, cases -> {
                cases.createIndex(new Document("status", 1).append("receivedAt", -1).append("_id", -1));
                cases.createIndex(new Document("receivedAt", -1).append("_id", -1));
                for (int pass = 0; pass < 3; pass++) {
                    upsertAll(cases, random);
                }
            });
            if (generation > 1) {
                withCases(store, "cases_g" + (g - 1), MongoCollection::drop);
            }
            long withLog = store.fileSize();
            long database = Files.size(file);
            long live = liveSize(file);
            figures.add(String.format("generation %d: file %d KiB (%.2f of live), with its log %d KiB, live %d KiB",
                    g, database / 1024, (double) database / live, withLog / 1024, live / 1024));
            assertThat(database).as(figures.get(figures.size() - 1)).isLessThanOrEqualTo(2 * live);
            // the write-ahead log adds at most what the automatic checkpoint lets it reach
            assertThat(withLog).as(figures.get(figures.size() - 1)).isLessThanOrEqualTo(2 * live + (5L << 20));
        }
        store.close();
        figures.add(String.format("after close: file %d KiB", Files.size(file) / 1024));
        System.out.println("StoreSizeTest " + figures);
    }

    private static void upsertAll(MongoCollection<Document> cases, Random random) {
        for (int batch = 0; batch < DOCUMENTS / 500; batch++) {
            List<WriteModel<Document>> writes = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int n = batch * 500 + i;
                Document document = new Document("_id", String.format("case-%06d", n))
                        .append("status", List.of("RECEIVED", "TRIAGED", "CLOSED").get(random.nextInt(3)))
                        .append("receivedAt", new java.util.Date(1_700_000_000_000L + n * 60_000L))
                        .append("summary", "x".repeat(100 + random.nextInt(300)));
                writes.add(new ReplaceOneModel<>(new Document("_id", document.get("_id")), document,
                        new ReplaceOptions().upsert(true)));
            }
            cases.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    private static void withCases(EmbeddedMongoStore store, String name,
                                  java.util.function.Consumer<MongoCollection<Document>> work) {
        StoreReopenTest.withDatabase(store, database -> work.accept(database.getCollection(name)));
    }

    /** The size of a compacted copy of the file: its live pages only. */
    private long liveSize(Path file) throws Exception {
        Path copy = directory.resolve("live-" + System.nanoTime() + ".sqlite");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("VACUUM INTO '" + copy + "'");
        }
        return Files.size(copy);
    }
}
