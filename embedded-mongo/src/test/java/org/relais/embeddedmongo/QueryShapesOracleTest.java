package org.relais.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query shape the read models issue (collected by referral-api's QueryShapesTest into
 * {@code query-shapes.jsonl}, with the indexes they declare) answered on random documents by (a) the SQLite backend
 * with the declared indexes, (b) the library's MemoryBackend, (c) the SQLite backend without secondary indexes (a
 * scan), through inserts, replacements and deletes: same documents, same order where the sort decides it, same
 * counts. And the planner walks the index MongoDB's equality–sort–range rule picks for the case list and the inbox.
 */
class QueryShapesOracleTest {

    private static final String DB = "relais";
    private static final int DOCUMENTS = 300;

    @TempDir
    Path directory;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Random random = new Random(20261204L);
    private EmbeddedMongoStore indexedStore;
    private int findsAnswered;
    private int findsWithDocuments;
    private MongoDatabase indexed;
    private MongoDatabase memory;
    private MongoDatabase scanned;

    @BeforeEach
    void open() {
        indexedStore = EmbeddedMongoStore.open(directory.resolve("indexed.sqlite"), 8, Duration.ofSeconds(1));
        EmbeddedMongoStore scanStore = EmbeddedMongoStore.open(directory.resolve("scan.sqlite"), 8,
                Duration.ofSeconds(1));
        opened.add(indexedStore);
        opened.add(scanStore);
        indexed = connect(indexedStore.backend());
        memory = connect(new MemoryBackend());
        scanned = connect(scanStore.backend());
    }

    private MongoDatabase connect(de.bwaldvogel.mongo.MongoBackend backend) {
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        opened.add(0, client);
        opened.add(server::shutdownNow);
        return client.getDatabase(DB);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void every_recorded_shape_gets_the_same_answer_from_sqlite_the_memory_backend_and_a_scan() throws IOException {
        List<Document> shapes = shapes();
        assertThat(shapes).hasSizeGreaterThan(50);
        Map<String, List<Document>> byCollection = new LinkedHashMap<>();
        for (Document shape : shapes) {
            byCollection.computeIfAbsent(shape.getString("collection"), name -> new ArrayList<>()).add(shape);
        }
        int answered = 0;
        for (Map.Entry<String, List<Document>> collection : byCollection.entrySet()) {
            answered += check(collection.getKey(), collection.getValue());
        }
        assertThat(answered).isGreaterThan(50);
        assertThat(findsWithDocuments).as("finds that returned documents, of %d", findsAnswered)
                .isGreaterThan(findsAnswered / 2);
    }

    @Test
    void the_planner_walks_the_index_of_the_equality_sort_range_rule_for_the_case_list_and_the_inbox()
            throws IOException {
        List<Document> shapes = shapes();
        Map<String, List<Document>> indexes = declaredIndexes(shapes);
        for (String collection : List.of("case_list", "partner_inbox")) {
            declare(indexed.getCollection(collection), indexes.getOrDefault(collection, List.of()));
            indexed.getCollection(collection).insertOne(new Document("_id", "one"));
        }
        int pinned = 0;
        for (Document shape : shapes) {
            String collection = shape.getString("collection");
            if (!shape.getString("command").equals("find") || !shape.containsKey("sort")
                    || !List.of("case_list", "partner_inbox").contains(collection)) {
                continue;
            }
            Document filter = shape.get("filter", Document.class);
            Document sort = shape.get("sort", Document.class);
            String chosen = indexedStore.explain(DB, collection, filter, sort);
            assertThat(chosen).as("%s %s %s walks an index", collection, filter.toJson(), sort.toJson()).isNotNull();
            Document keys = keysOf(indexes.get(collection), chosen);
            assertThat(followsTheRule(keys, equalities(filter), sort))
                    .as("%s for %s sorted by %s: equalities first, then the sort", chosen, filter.toJson(),
                            sort.toJson()).isTrue();
            pinned++;
        }
        assertThat(pinned).isGreaterThan(20);
        assertThat(indexedStore.explain(DB, "partner_inbox", Document.parse("{partnerId: 'p', state: 'REQUESTED'}"),
                Document.parse("{overdue: -1, deadline: 1, _id: 1}"))).isEqualTo("partner_state_order");
        assertThat(indexedStore.explain(DB, "partner_inbox", Document.parse("{partnerId: 'p'}"),
                Document.parse("{overdue: -1, deadline: 1, _id: 1}"))).isEqualTo("partner_order");
        assertThat(indexedStore.explain(DB, "case_list", Document.parse("{$and: [{facets: 'status:RECEIVED'}]}"),
                Document.parse("{receivedAt: -1, _id: -1}"))).isEqualTo("facets_receivedAt_id");
        assertThat(indexedStore.explain(DB, "case_list",
                Document.parse("{$and: [{facets: {$all: ['status:CLOSED', 'age:UNDER_11']}}]}"),
                Document.parse("{updatedAt: -1, _id: -1}"))).isEqualTo("facets_updatedAt_id");
        assertThat(indexedStore.explain(DB, "case_list", Document.parse("{$and: [{facets: 'minor:true'}]}"),
                Document.parse("{reference: -1}"))).as("a unique index walked for its order")
                .isEqualTo("reference_unique");
        assertThat(indexedStore.explain(DB, "case_list", Document.parse("{}"),
                Document.parse("{updatedAt: 1, _id: 1}"))).as("walked backwards").isEqualTo("updatedAt_id");
    }

    @Test
    void a_date_range_on_the_sort_field_bounds_the_walk_of_the_sorts_index() throws IOException {
        MongoCollection<Document> cases = indexed.getCollection("case_list");
        declare(cases, declaredIndexes(shapes()).get("case_list"));
        Instant day = Instant.parse("2026-03-01T23:00:00Z");
        for (int i = 0; i < 40; i++) {
            Date at = Date.from(day.plusSeconds(3_600L * 6 * i));
            cases.insertOne(new Document("_id", "c" + i).append("reference", "R-2026-" + (100_000 + i))
                    .append("facets", List.of(i % 2 == 0 ? "unassigned:true"
                    : "assignee:coordinator", "status:RECEIVED")).append("receivedAt", at).append("updatedAt", at));
        }
        Date from = Date.from(day.plusSeconds(86_400L * 2));
        Date to = Date.from(day.plusSeconds(86_400L * 4 - 3_600));
        Document range = new Document("$gte", from).append("$lt", to);
        Document newest = Document.parse("{receivedAt: -1, _id: -1}");
        Document oldest = Document.parse("{receivedAt: 1, _id: 1}");

        Document alone = new Document("$and", List.of(new Document("receivedAt", range)));
        assertThat(indexedStore.explain(DB, "case_list", alone, newest)).isEqualTo("receivedAt_id");
        assertThat(indexedStore.explainEntries(DB, "case_list", alone, newest)).isEqualTo(8);
        assertThat(indexedStore.explainEntries(DB, "case_list", alone, oldest)).as("walked backwards").isEqualTo(8);
        assertThat(indexedStore.explainEntries(DB, "case_list", new Document(), newest)).isEqualTo(40);

        Document withFacet = new Document("$and", List.of(new Document("facets", "unassigned:true"),
                new Document("receivedAt", range)));
        assertThat(indexedStore.explain(DB, "case_list", withFacet, newest)).isEqualTo("facets_receivedAt_id");
        assertThat(indexedStore.explainEntries(DB, "case_list", withFacet, newest)).isEqualTo(4);

        Document upTo = new Document("$and", List.of(new Document("facets", "assignee:coordinator"),
                new Document("updatedAt", new Document("$lt", to))));
        Document byUpdate = Document.parse("{updatedAt: -1, _id: -1}");
        assertThat(indexedStore.explain(DB, "case_list", upTo, byUpdate)).isEqualTo("facets_updatedAt_id");
        assertThat(indexedStore.explainEntries(DB, "case_list", upTo, byUpdate)).isEqualTo(8);

        for (Document filter : List.of(alone, withFacet, upTo)) {
            for (Document sort : List.of(newest, oldest, byUpdate)) {
                List<Object> walked = new ArrayList<>();
                cases.find(filter).sort(sort).forEach(document -> walked.add(document.get("_id")));
                assertThat(walked).as("%s sorted by %s", filter.toJson(), sort.toJson())
                        .containsExactlyElementsOf(matching(cases, filter, sort));
            }
        }
    }

    /** What a scan in memory answers: every document, filtered and sorted by the MemoryBackend's own matcher. */
    private List<Object> matching(MongoCollection<Document> cases, Document filter, Document sort) {
        MongoCollection<Document> copy = memory.getCollection("range_copy");
        copy.drop();
        cases.find(new Document()).forEach(copy::insertOne);
        List<Object> ids = new ArrayList<>();
        copy.find(filter).sort(sort).forEach(document -> ids.add(document.get("_id")));
        return ids;
    }

    /** Whether the index's keys start with the filter's equality fields (any order), then the sort, all flipped or not. */
    private static boolean followsTheRule(Document keys, Set<String> equalities, Document sort) {
        List<String> fields = new ArrayList<>(keys.keySet());
        int fixed = 0;
        while (fixed < fields.size() && equalities.contains(fields.get(fixed))) {
            fixed++;
        }
        if (fixed == 0 && !equalities.isEmpty() && fields.size() > 0 && !sort.keySet().iterator().next()
                .equals(fields.get(0))) {
            return false;
        }
        List<String> sortFields = new ArrayList<>(sort.keySet());
        Boolean flipped = null;
        for (int i = 0; i < sortFields.size(); i++) {
            if (fixed + i >= fields.size() || !fields.get(fixed + i).equals(sortFields.get(i))) {
                return false;
            }
            boolean thisFlipped = ((Number) keys.get(fields.get(fixed + i))).intValue()
                    != ((Number) sort.get(sortFields.get(i))).intValue();
            if (flipped != null && flipped != thisFlipped) {
                return false;
            }
            flipped = thisFlipped;
        }
        return true;
    }

    private static Set<String> equalities(Document filter) {
        Set<String> fields = new HashSet<>();
        for (Map.Entry<String, Object> condition : filter.entrySet()) {
            if ("$and".equals(condition.getKey())) {
                for (Object part : (List<?>) condition.getValue()) {
                    fields.addAll(equalities((Document) part));
                }
            } else if (condition.getValue() instanceof Document operators && operators.get("$all") instanceof List<?>) {
                fields.add(condition.getKey());
            } else if (!condition.getKey().startsWith("$") && !(condition.getValue() instanceof Map<?, ?>)
                    && !(condition.getValue() instanceof Collection<?>) && condition.getValue() != null) {
                fields.add(condition.getKey());
            }
        }
        return fields;
    }

    private static Document keysOf(List<Document> declared, String name) {
        for (Document index : declared) {
            if (name.equals(index.getString("name"))) {
                return index.get("key", Document.class);
            }
        }
        throw new AssertionError("no index named " + name);
    }

    // answering

    private int check(String collection, List<Document> shapes) {
        List<Document> indexes = declaredIndexes(shapes).getOrDefault(collection, List.of());
        declare(indexed.getCollection(collection), indexes);
        declare(memory.getCollection(collection), indexes);
        declare(scanned.getCollection(collection), indexes.stream()
                .filter(index -> Boolean.TRUE.equals(index.getBoolean("unique"))).toList());
        Documents documents = new Documents(collection, shapes, indexes, random);
        List<Document> all = documents.generate(DOCUMENTS);
        for (MongoDatabase database : List.of(indexed, memory, scanned)) {
            database.getCollection(collection).insertMany(copies(all));
        }
        int answered = answerAll(collection, shapes);
        for (int i = 0; i < DOCUMENTS / 3; i++) {
            Document replacement = documents.next(all.get(random.nextInt(all.size())).get("_id"));
            for (MongoDatabase database : List.of(indexed, memory, scanned)) {
                database.getCollection(collection).replaceOne(new Document("_id", replacement.get("_id")),
                        new Document(replacement));
            }
        }
        for (int i = 0; i < DOCUMENTS / 10; i++) {
            Object id = all.get(random.nextInt(all.size())).get("_id");
            for (MongoDatabase database : List.of(indexed, memory, scanned)) {
                database.getCollection(collection).deleteOne(new Document("_id", id));
            }
        }
        return answered + answerAll(collection, shapes);
    }

    private int answerAll(String collection, List<Document> shapes) {
        int answered = 0;
        for (Document shape : shapes) {
            switch (shape.getString("command")) {
                case "find" -> {
                    compareFinds(collection, shape);
                    answered++;
                }
                case "aggregate" -> {
                    List<Document> pipeline = shape.getList("pipeline", Document.class);
                    List<Set<Document>> answers = new ArrayList<>();
                    for (MongoDatabase database : List.of(indexed, memory, scanned)) {
                        answers.add(new HashSet<>(database.getCollection(collection).aggregate(pipeline)
                                .into(new ArrayList<>())));
                    }
                    assertThat(answers.get(0)).as("%s aggregate %s", collection, pipeline).isEqualTo(answers.get(1))
                            .isEqualTo(answers.get(2));
                    answered++;
                }
                default -> {
                }
            }
        }
        return answered;
    }

    private void compareFinds(String collection, Document shape) {
        Document filter = shape.get("filter", Document.class);
        Document sort = shape.get("sort", Document.class);
        Integer skip = shape.getInteger("skip");
        Integer limit = shape.getInteger("limit");
        List<List<Document>> answers = new ArrayList<>();
        for (MongoDatabase database : List.of(indexed, memory, scanned)) {
            FindIterable<Document> find = database.getCollection(collection).find(filter == null ? new Document()
                    : filter);
            if (sort != null) {
                find = find.sort(sort);
            }
            if (skip != null) {
                find = find.skip(skip);
            }
            if (limit != null) {
                find = find.limit(limit);
            }
            answers.add(find.into(new ArrayList<>()));
        }
        String what = collection + " " + shape.toJson();
        findsAnswered++;
        if (!answers.get(1).isEmpty()) {
            findsWithDocuments++;
        }
        List<Document> sqlite = answers.get(0);
        List<Document> reference = answers.get(1);
        List<Document> scan = answers.get(2);
        assertThat(sqlite).as(what).hasSameSizeAs(reference);
        assertThat(scan).as(what).hasSameSizeAs(reference);
        if (sort != null && sort.containsKey("_id")) {
            assertThat(sqlite).as(what).containsExactlyElementsOf(reference);
            assertThat(scan).as(what).containsExactlyElementsOf(reference);
        } else if (sort != null) {
            assertThat(sortKeys(sqlite, sort)).as(what).containsExactlyElementsOf(sortKeys(reference, sort));
            assertThat(sortKeys(scan, sort)).as(what).containsExactlyElementsOf(sortKeys(reference, sort));
        } else if (skip == null && limit == null) {
            assertThat(sqlite).as(what).containsExactlyInAnyOrderElementsOf(reference);
            assertThat(scan).as(what).containsExactlyInAnyOrderElementsOf(reference);
        }
    }

    private static List<List<Object>> sortKeys(List<Document> documents, Document sort) {
        List<List<Object>> keys = new ArrayList<>();
        for (Document document : documents) {
            List<Object> key = new ArrayList<>();
            sort.keySet().forEach(field -> key.add(document.get(field)));
            keys.add(key);
        }
        return keys;
    }

    private static List<Document> copies(List<Document> documents) {
        return documents.stream().map(Document::new).toList();
    }

    private static void declare(MongoCollection<Document> collection, List<Document> indexes) {
        if (indexes.isEmpty()) {
            return;
        }
        List<IndexModel> models = new ArrayList<>();
        for (Document index : indexes) {
            IndexOptions options = new IndexOptions().name(index.getString("name"));
            if (Boolean.TRUE.equals(index.getBoolean("unique"))) {
                options.unique(true);
            }
            if (Boolean.TRUE.equals(index.getBoolean("sparse"))) {
                options.sparse(true);
            }
            models.add(new IndexModel(index.get("key", Document.class), options));
        }
        collection.createIndexes(models);
    }

    private static Map<String, List<Document>> declaredIndexes(List<Document> shapes) {
        Map<String, Map<String, Document>> byName = new LinkedHashMap<>();
        for (Document shape : shapes) {
            if ("createIndexes".equals(shape.getString("command"))) {
                for (Document index : shape.getList("indexes", Document.class)) {
                    byName.computeIfAbsent(shape.getString("collection"), name -> new LinkedHashMap<>())
                            .putIfAbsent(index.getString("name"), index);
                }
            }
        }
        Map<String, List<Document>> indexes = new LinkedHashMap<>();
        byName.forEach((collection, named) -> indexes.put(collection, new ArrayList<>(named.values())));
        return indexes;
    }

    static List<Document> shapes() throws IOException {
        try (InputStream in = QueryShapesOracleTest.class.getResourceAsStream("/query-shapes.jsonl")) {
            assertThat(in).as("query-shapes.jsonl").isNotNull();
            List<Document> shapes = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    shapes.add(Document.parse(line).get("example", Document.class));
                }
            }
            return shapes;
        }
    }

    /**
     * Random documents for one collection: each field a filter or sort of the shapes names takes one of the values
     * the shapes use or a neighbour of one (another string, a date hours away, the other boolean), or is missing or
     * null; plural fields ({@code categories}, {@code partnerIds}) hold arrays; fields of unique indexes are unique.
     */
    static final class Documents {

        private final Map<String, List<Object>> values = new LinkedHashMap<>();
        private final Set<String> unique = new HashSet<>();
        private final List<Object> exampleIds = new ArrayList<>();
        private final Random random;
        private int next;

        Documents(String collection, List<Document> shapes, List<Document> indexes, Random random) {
            this.random = random;
            for (Document shape : shapes) {
                if (shape.containsKey("filter")) {
                    collect(shape.get("filter", Document.class));
                }
                if (shape.containsKey("sort")) {
                    shape.get("sort", Document.class).keySet().forEach(field -> values.computeIfAbsent(field,
                            name -> new ArrayList<>()));
                }
                if (shape.containsKey("pipeline")) {
                    for (Document stage : shape.getList("pipeline", Document.class)) {
                        if (stage.get("$match") instanceof Document match) {
                            collect(match);
                        }
                    }
                }
            }
            for (Document index : indexes) {
                index.get("key", Document.class).keySet().forEach(field -> values.computeIfAbsent(field,
                        name -> new ArrayList<>()));
                if (Boolean.TRUE.equals(index.getBoolean("unique"))) {
                    unique.addAll(index.get("key", Document.class).keySet());
                }
            }
            List<Object> ids = values.remove("_id");
            if (ids != null) {
                ids.stream().filter(id -> !(id instanceof Document)).distinct().forEach(exampleIds::add);
            }
            values.replaceAll((field, examples) -> neighbours(examples));
        }

        private void collect(Document filter) {
            for (Map.Entry<String, Object> condition : filter.entrySet()) {
                String field = condition.getKey();
                Object value = condition.getValue();
                if (field.startsWith("$")) {
                    if (value instanceof List<?> parts) {
                        parts.stream().filter(Document.class::isInstance).map(Document.class::cast)
                                .forEach(this::collect);
                    }
                    continue;
                }
                List<Object> pool = values.computeIfAbsent(field, name -> new ArrayList<>());
                if (value instanceof Document operators) {
                    for (Object operand : operators.values()) {
                        if (operand instanceof List<?> list) {
                            pool.addAll(list);
                        } else {
                            pool.add(operand);
                        }
                    }
                } else {
                    pool.add(value);
                }
            }
        }

        private List<Object> neighbours(List<Object> examples) {
            Set<Object> pool = new LinkedHashSet<>();
            for (Object example : examples) {
                if (example == null) {
                    continue;
                }
                pool.add(example);
                if (example instanceof String text) {
                    pool.add(text + "-other");
                    pool.add("a" + text);
                } else if (example instanceof Date date) {
                    for (int hours = -72; hours <= 72; hours += 12) {
                        pool.add(new Date(date.getTime() + hours * 3_600_000L));
                    }
                } else if (example instanceof Boolean) {
                    pool.add(Boolean.TRUE);
                    pool.add(Boolean.FALSE);
                } else if (example instanceof Integer number) {
                    pool.add(number + 1);
                    pool.add(number - 1);
                } else if (example instanceof Long number) {
                    pool.add(number + 1);
                    pool.add(number - 1);
                }
            }
            if (pool.isEmpty()) {
                long base = 1_790_000_000_000L;
                for (int i = 0; i < 12; i++) {
                    pool.add(i % 3 == 0 ? (Object) ("v" + i) : new Date(base + i * 86_400_000L));
                }
            }
            return new ArrayList<>(pool);
        }

        List<Document> generate(int count) {
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Object id = i < exampleIds.size() ? exampleIds.get(i) : "doc-" + i;
                documents.add(next(id));
            }
            return documents;
        }

        Document next(Object id) {
            Document document = new Document("_id", id);
            int n = next++;
            values.forEach((field, pool) -> {
                if (field.contains(".")) {
                    return;
                }
                if (unique.contains(field)) {
                    Object example = pool.get(0);
                    document.put(field, example instanceof Number ? (Object) n : field + "-" + n);
                    return;
                }
                int dice = random.nextInt(20);
                if (dice == 0) {
                    return;
                }
                if (dice == 1) {
                    document.put(field, null);
                    return;
                }
                if (isPlural(field)) {
                    List<Object> elements = new ArrayList<>();
                    for (int e = random.nextInt(4); e > 0; e--) {
                        Object element = pool.get(random.nextInt(pool.size()));
                        if (!elements.contains(element)) {
                            elements.add(element);
                        }
                    }
                    document.put(field, elements);
                } else {
                    document.put(field, pool.get(random.nextInt(pool.size())));
                }
            });
            return document;
        }

        private static boolean isPlural(String field) {
            return field.endsWith("Ids") || field.equals("categories");
        }
    }
}
