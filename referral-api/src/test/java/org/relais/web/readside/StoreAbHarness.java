package org.relais.web.readside;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.relais.embeddedmongo.EmbeddedMongoStore;

/** A/B of the MVStore read side and the SQLite one: run with -Drelais.ab=true. */
@EnabledIfSystemProperty(named = "relais.ab", matches = "true")
class StoreAbHarness {

    private static final int DOCS = 100_000;
    private static final String[] STATUS = {"RECEIVED", "TRIAGED", "IN_PROGRESS", "CLOSED"};
    private static final String[] RISK = {"IMMEDIATE_DANGER", "HIGH", "MODERATE", "LOW"};

    @Test
    void compare() throws Exception {
        Path mv = Files.createTempDirectory("ab-mv");
        EmbeddedReadSideStore old = EmbeddedReadSideStore.inDirectory(mv, 128);
        run("MVStore", old.backend(), () -> size(mv));
        old.close();
        Path sq = Files.createTempDirectory("ab-sq");
        EmbeddedMongoStore store = EmbeddedMongoStore.open(sq.resolve("readside.sqlite"), 128, Duration.ofSeconds(1));
        run("SQLite", store.backend(), () -> size(sq));
        store.close();
        System.out.println("AB SQLite after close: " + size(sq) / 1024 / 1024 + " MiB");
    }

    private static long size(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    interface Size {
        long get();
    }

    private static void run(String name, MongoBackend backend, Size size) {
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":"
                + address.getPort())) {
            MongoCollection<Document> cases = client.getDatabase("relais").getCollection("cases");
            for (String sort : List.of("receivedAt", "updatedAt")) {
                cases.createIndex(new Document(sort, -1).append("_id", -1));
                for (String filter : List.of("status", "riskLevel", "channel", "assignee")) {
                    cases.createIndex(new Document(filter, 1).append(sort, -1).append("_id", -1));
                }
            }
            cases.createIndex(new Document("reference", 1), new IndexOptions().unique(true));
            Random random = new Random(7);
            long start = System.nanoTime();
            for (int batch = 0; batch < DOCS / 1000; batch++) {
                List<WriteModel<Document>> writes = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    int n = batch * 1000 + i;
                    Document doc = caseSummary(n, random);
                    writes.add(new ReplaceOneModel<>(new Document("_id", doc.get("_id")), doc,
                            new ReplaceOptions().upsert(true)));
                }
                cases.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            }
            double insertSeconds = (System.nanoTime() - start) / 1e9;
            // a second pass rewrites every document with a new status (the catch-up's updates)
            start = System.nanoTime();
            for (int batch = 0; batch < DOCS / 1000; batch++) {
                List<WriteModel<Document>> writes = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    int n = batch * 1000 + i;
                    Document doc = caseSummary(n, random);
                    writes.add(new ReplaceOneModel<>(new Document("_id", doc.get("_id")), doc,
                            new ReplaceOptions().upsert(true)));
                }
                cases.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            }
            double updateSeconds = (System.nanoTime() - start) / 1e9;
            long queryStart = System.nanoTime();
            int queries = 200;
            for (int q = 0; q < queries; q++) {
                cases.find(new Document("status", STATUS[q % 4])).sort(new Document("receivedAt", -1).append("_id", -1))
                        .skip((q % 5) * 20).limit(20).into(new ArrayList<>());
            }
            double pageMs = (System.nanoTime() - queryStart) / 1e6 / queries;
            queryStart = System.nanoTime();
            for (int q = 0; q < queries; q++) {
                cases.countDocuments(new Document("status", STATUS[q % 4]).append("riskLevel", RISK[q % 4]));
            }
            double countMs = (System.nanoTime() - queryStart) / 1e6 / queries;
            System.out.printf("AB %s: insert %.0f docs/s, replace %.0f docs/s, page %.2f ms, count(status,risk) %.2f ms,"
                            + " files %d MiB%n", name, DOCS / insertSeconds, DOCS / updateSeconds, pageMs, countMs,
                    size.get() / 1024 / 1024);
        } finally {
            server.shutdownNow();
        }
    }

    private static Document caseSummary(int n, Random random) {
        Instant received = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(n * 37L);
        return new Document("_id", String.format("ref-%08d", n)).append("reference", "R-" + n)
                .append("status", STATUS[random.nextInt(4)]).append("riskLevel", RISK[random.nextInt(4)])
                .append("channel", "CHANNEL_" + random.nextInt(10)).append("assignee", "coord-" + random.nextInt(30))
                .append("ageBand", "ADULT").append("categories", List.of("CYBERHARASSMENT", "OTHER"))
                .append("receivedAt", java.util.Date.from(received))
                .append("updatedAt", java.util.Date.from(received.plusSeconds(random.nextInt(100_000))))
                .append("openTransfers", random.nextInt(3)).append("overdue", random.nextBoolean())
                .append("version", (long) n).append("summary", "x".repeat(200 + random.nextInt(200)));
    }
}
