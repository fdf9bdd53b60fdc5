package org.relais.app.readside;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.relais.app.support.TestDataDirs;

/**
 * Finds and counts answered from the embedded read side's secondary indexes return exactly what a scan of the
 * whole collection returns (the library's in-memory backend, which has no such indexes, is the reference), through
 * inserts, updates, replacements and deletes and across a restart; and the inbox and case-list shapes of query walk
 * the index declared for them.
 */
class SecondaryIndexQueryTest {

    private static final String[] PARTNERS = {"p1", "p2", "p3", "p4"};
    private static final String[] STATES = {"REQUESTED", "ACKNOWLEDGED", "ACCEPTED", "DECLINED"};
    private static final String[] CATEGORIES = {"A", "B", "C"};
    private static final Bson INBOX_ORDER = Sorts.orderBy(Sorts.descending("overdue"), Sorts.ascending("deadline"),
            Sorts.ascending("_id"));
    private static final Bson NEWEST_FIRST = Sorts.orderBy(Sorts.descending("receivedAt"), Sorts.descending("_id"));

    private final Path dir = TestDataDirs.create("secondary-index");
    private final Random random = new Random(20261129L);

    @Test
    void indexed_finds_and_counts_agree_with_a_full_scan_through_changes_and_a_restart() {
        MongoServer reference = new MongoServer(new MemoryBackend());
        InetSocketAddress address = reference.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> scanned = client.getDatabase("relais").getCollection("items");
            useIndexed((indexed, collection) -> {
                declareIndexes(indexed);
                declareIndexes(scanned);
                for (int i = 0; i < 600; i++) {
                    Document item = randomItem(i);
                    indexed.insertOne(item);
                    scanned.insertOne(new Document(item));
                }
                assertSameAnswers(indexed, scanned);
                for (int round = 0; round < 3; round++) {
                    change(indexed, scanned);
                    assertSameAnswers(indexed, scanned);
                }
            });
            useIndexed((indexed, collection) -> {
                assertSameAnswers(indexed, scanned);
                change(indexed, scanned);
                assertSameAnswers(indexed, scanned);
            });
        } finally {
            reference.shutdownNow();
        }
    }

    /**
     * What a rebuild does: its documents are written first, and its indexes declared once they are all there, in
     * one command; each is then filled from the documents in one pass, its keys put in order.
     */
    @Test
    void indexes_declared_together_on_a_filled_collection_agree_with_a_full_scan() {
        indexesDeclaredOnAFilledCollectionAgreeWithAFullScan(SecondaryIndexQueryTest::declareIndexesTogether);
    }

    @Test
    void indexes_declared_one_by_one_on_a_filled_collection_agree_with_a_full_scan() {
        indexesDeclaredOnAFilledCollectionAgreeWithAFullScan(SecondaryIndexQueryTest::declareIndexes);
    }

    private void indexesDeclaredOnAFilledCollectionAgreeWithAFullScan(
            Consumer<MongoCollection<Document>> declare) {
        MongoServer reference = new MongoServer(new MemoryBackend());
        InetSocketAddress address = reference.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> scanned = client.getDatabase("relais").getCollection("items");
            useIndexed((indexed, collection) -> {
                for (int i = 0; i < 600; i++) {
                    Document item = randomItem(i);
                    indexed.insertOne(item);
                    scanned.insertOne(new Document(item));
                }
                change(indexed, scanned);
                declare.accept(indexed);
                assertThat(indexed.listIndexes().into(new ArrayList<>())).hasSize(6);
                assertThat(collection.indexFor(query("partnerId", "p1"),
                        order("overdue", -1, "deadline", 1, "_id", 1))).isEqualTo("partner_order");
                assertSameAnswers(indexed, scanned);
                change(indexed, scanned);
                assertSameAnswers(indexed, scanned);
            });
        } finally {
            reference.shutdownNow();
        }
    }

    @Test
    void the_inbox_and_case_list_queries_walk_their_declared_indexes_and_other_filters_scan() {
        useIndexed((indexed, collection) -> {
            declareIndexes(indexed);
            for (int i = 0; i < 50; i++) {
                indexed.insertOne(randomItem(i));
            }
            Explain explain = collection;
            assertThat(explain.indexFor(query("partnerId", "p1"), order("overdue", -1, "deadline", 1, "_id", 1)))
                    .isEqualTo("partner_order");
            assertThat(explain.indexFor(query("partnerId", "p1", "state", "REQUESTED"),
                    order("overdue", -1, "deadline", 1, "_id", 1))).isEqualTo("partner_state_order");
            assertThat(explain.indexFor(query("categories", "B"), order("receivedAt", 1, "_id", 1)))
                    .as("walked backwards").isEqualTo("categories_receivedAt_id");
            assertThat(explain.indexFor(new de.bwaldvogel.mongo.bson.Document(), order("receivedAt", -1, "_id", -1)))
                    .isEqualTo("receivedAt_id");
            assertThat(explain.indexFor(query("partnerId", "p1"), order("receivedAt", -1)))
                    .as("walks the sort's index, testing the filter on each document").isEqualTo("receivedAt_id");
            assertThat(explain.indexFor(query("partnerId", "p1"), order("deadline", -1)))
                    .as("no index gives this order after this filter").isNull();
            assertThat(explain.indexFor(query("state", new de.bwaldvogel.mongo.bson.Document("$in",
                    List.of("REQUESTED"))), null)).as("not an equality").isNull();
        });
    }

    private void assertSameAnswers(MongoCollection<Document> indexed, MongoCollection<Document> scanned) {
        List<Bson> filters = List.of(Filters.eq("partnerId", "p1"),
                Filters.and(Filters.eq("partnerId", "p2"), Filters.eq("state", "ACKNOWLEDGED")),
                Filters.and(Filters.eq("partnerId", "p3"), Filters.eq("overdue", true)),
                Filters.and(Filters.eq("state", "REQUESTED"), Filters.eq("categories", "A")),
                Filters.eq("categories", "B"),
                Filters.and(Filters.eq("partnerId", "p4"), Filters.in("state", "ACCEPTED", "DECLINED")),
                Filters.eq("overdue", false),
                new Document());
        List<Bson> orders = List.of(INBOX_ORDER, NEWEST_FIRST,
                Sorts.orderBy(Sorts.ascending("receivedAt"), Sorts.ascending("_id")));
        for (Bson filter : filters) {
            assertThat(indexed.countDocuments(filter)).as("count of %s", filter)
                    .isEqualTo(scanned.countDocuments(filter));
            for (Bson order : orders) {
                for (int skip : new int[] {0, 20, 140}) {
                    assertThat(page(indexed, filter, order, skip)).as("%s by %s from %d", filter, order, skip)
                            .isEqualTo(page(scanned, filter, order, skip));
                }
            }
        }
    }

    private static List<Document> page(MongoCollection<Document> items, Bson filter, Bson order, int skip) {
        return items.find(filter).sort(order).skip(skip).limit(20).into(new ArrayList<>());
    }

    /** Changes both collections alike: state moves, overdue flags, new categories, replacements and deletes. */
    private void change(MongoCollection<Document> indexed, MongoCollection<Document> scanned) {
        for (int n = 0; n < 60; n++) {
            String id = "item-" + random.nextInt(700);
            Bson update = switch (random.nextInt(4)) {
                case 0 -> Updates.set("state", STATES[random.nextInt(STATES.length)]);
                case 1 -> Updates.set("overdue", random.nextBoolean());
                case 2 -> Updates.set("categories", categories());
                default -> Updates.unset("categories");
            };
            indexed.updateOne(Filters.eq("_id", id), update);
            scanned.updateOne(Filters.eq("_id", id), update);
        }
        indexed.updateMany(Filters.eq("state", "DECLINED"), Updates.set("overdue", false));
        scanned.updateMany(Filters.eq("state", "DECLINED"), Updates.set("overdue", false));
        for (int n = 0; n < 10; n++) {
            int number = random.nextInt(700);
            Document replacement = randomItem(number);
            indexed.replaceOne(Filters.eq("_id", replacement.get("_id")), replacement);
            scanned.replaceOne(Filters.eq("_id", replacement.get("_id")), new Document(replacement));
            Bson gone = Filters.eq("_id", "item-" + random.nextInt(700));
            indexed.deleteOne(gone);
            scanned.deleteOne(gone);
        }
    }

    private Document randomItem(int number) {
        Document item = new Document("_id", "item-" + number)
                .append("partnerId", PARTNERS[random.nextInt(PARTNERS.length)])
                .append("state", STATES[random.nextInt(STATES.length)])
                .append("overdue", random.nextInt(4) == 0)
                .append("deadline", new Date(1_700_000_000_000L + random.nextInt(1_000) * 60_000L))
                .append("receivedAt", new Date(1_690_000_000_000L + random.nextInt(400) * 3_600_000L));
        if (random.nextInt(5) > 0) {
            item.append("categories", categories());
        }
        return item;
    }

    private List<String> categories() {
        List<String> categories = new ArrayList<>(List.of(CATEGORIES));
        Collections.shuffle(categories, random);
        return categories.subList(0, 1 + random.nextInt(2));
    }

    /** The application's own index shapes: the partner inbox's two, and the case list's sort and filter-sort ones. */
    private static void declareIndexes(MongoCollection<Document> items) {
        items.createIndex(Indexes.compoundIndex(Indexes.ascending("partnerId"), Indexes.descending("overdue"),
                Indexes.ascending("deadline", "_id")), new IndexOptions().name("partner_order"));
        items.createIndex(Indexes.compoundIndex(Indexes.ascending("partnerId", "state"),
                Indexes.descending("overdue"), Indexes.ascending("deadline", "_id")),
                new IndexOptions().name("partner_state_order"));
        items.createIndex(Indexes.descending("receivedAt", "_id"), new IndexOptions().name("receivedAt_id"));
        for (String filter : List.of("state", "categories")) {
            items.createIndex(Indexes.compoundIndex(Indexes.ascending(filter), Indexes.descending("receivedAt", "_id")),
                    new IndexOptions().name(filter + "_receivedAt_id"));
        }
    }

    /** The same indexes in one {@code createIndexes} command, as the read models declare theirs. */
    private static void declareIndexesTogether(MongoCollection<Document> items) {
        items.createIndexes(List.of(
                new IndexModel(Indexes.compoundIndex(Indexes.ascending("partnerId"), Indexes.descending("overdue"),
                        Indexes.ascending("deadline", "_id")), new IndexOptions().name("partner_order")),
                new IndexModel(Indexes.compoundIndex(Indexes.ascending("partnerId", "state"),
                        Indexes.descending("overdue"), Indexes.ascending("deadline", "_id")),
                        new IndexOptions().name("partner_state_order")),
                new IndexModel(Indexes.descending("receivedAt", "_id"), new IndexOptions().name("receivedAt_id")),
                new IndexModel(Indexes.compoundIndex(Indexes.ascending("state"), Indexes.descending("receivedAt",
                        "_id")), new IndexOptions().name("state_receivedAt_id")),
                new IndexModel(Indexes.compoundIndex(Indexes.ascending("categories"), Indexes.descending(
                        "receivedAt", "_id")), new IndexOptions().name("categories_receivedAt_id"))));
    }

    private static de.bwaldvogel.mongo.bson.Document query(Object... fieldsAndValues) {
        de.bwaldvogel.mongo.bson.Document query = new de.bwaldvogel.mongo.bson.Document();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            query.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return query;
    }

    private static de.bwaldvogel.mongo.bson.Document order(Object... fieldsAndDirections) {
        return query(fieldsAndDirections);
    }

    /** The planner's choice for a find: the index's name, or null for a scan. */
    private interface Explain {
        String indexFor(Map<String, ?> filter, Map<String, ?> sort);
    }

    /** Opens the store as the application does and hands its "items" collection (and the server's side) over. */
    private void useIndexed(BiConsumer<MongoCollection<Document>, Explain> action) {
        try (EmbeddedReadSideStore store = EmbeddedReadSideStore.inDirectory(dir, 8)) {
            MongoServer server = new MongoServer(store.backend());
            InetSocketAddress address = server.bind();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
                MongoCollection<Document> items = client.getDatabase("relais").getCollection("items");
                action.accept(items, (filter, sort) -> store.file().explain("relais", "items", filter, sort));
            } finally {
                server.shutdownNow();
            }
        }
    }
}
