package org.relais.web.readside;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.relais.web.readside.BsonDataTypes.StoredDocument;

/**
 * The library's H2 collection, answering finds and counts from a {@link SecondaryIndex} where one fits, as MongoDB
 * would: the equality conditions of the filter fix the index's leading fields, the sort follows its next ones (in
 * either direction), and a page is read by walking that key range, loading only the documents it returns (and, when
 * the filter has conditions the range does not cover, the ones it tests). Among the indexes that fit, the one with
 * the smallest range wins, measured from the map's ranks. A count whose conditions the range covers exactly is the
 * range's size; one whose equalities head different indexes is the intersection of their ranges by {@code _id}.
 * Anything else is left to the library, which reads the whole collection.
 */
final class IndexedH2Collection extends H2Collection {

    /** Roughly how many index keys can be walked for the price of loading and testing one document. */
    private static final int DOCUMENT_COST_IN_KEYS = 10;

    private final MVMap<Object, StoredDocument> documents;

    /**
     * The library's collection is handed the map only for its size; every method of it that reads or writes
     * documents is overridden here, since the map holds them as {@link StoredDocument}s.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                        MVMap<Object, StoredDocument> documents, MVMap<String, Object> metaMap,
                        CursorRegistry cursors) {
        super(database, collectionName, options, (MVMap) documents, metaMap, cursors);
        this.documents = documents;
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
        if (documents.putIfAbsent(Missing.ofNullable(key), StoredDocument.of(document)) != null) {
            throw new IllegalStateException("a document with this key already exists in " + getFullName());
        }
        return key;
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        documents.put(Missing.ofNullable(position), StoredDocument.of(newDocument));
    }

    @Override
    protected Document getDocument(Object position) {
        StoredDocument stored = documents.get(position);
        return stored == null ? null : stored.document();
    }

    @Override
    protected void removeDocument(Object position) {
        if (documents.remove(position) == null) {
            throw new NoSuchElementException("no document at this position in " + getFullName());
        }
    }

    /**
     * An empty secondary index declared on a collection that already holds documents (a rebuilt read model declares
     * its indexes once its replay has written them) is filled in one pass that decodes only the fields it indexes,
     * its keys put in order ({@link SecondaryIndex#fill}); the library would decode every document twice (once to
     * check a uniqueness this index does not have) and put the keys in the collection's order. Under the
     * collection's lock, which every write takes: no document changes between the pass and the moment the index
     * joins the ones writes maintain.
     */
    @Override
    public synchronized void addIndex(Index<Object> index) {
        if (index instanceof SecondaryIndex secondary && secondary.isEmpty() && !documents.isEmpty()) {
            Set<String> fields = secondary.topLevelFields();
            secondary.fill(documents.entrySet().stream()
                    .map(entry -> new DocumentWithPosition<>(entry.getValue().fields(fields), entry.getKey())));
        }
        super.addIndex(index);
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return documents.entrySet().stream()
                .map(entry -> new DocumentWithPosition<>(entry.getValue().document(), entry.getKey()));
    }

    /** A find no index fits, as the library does it: every document, in key order or its reverse for $natural. */
    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                         int batchSize, Document fieldSelector) {
        Stream<Document> all = isNaturalDescending(orderBy)
                ? streamAllDocumentsWithPosition()
                        .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                        .map(DocumentWithPosition::getDocument)
                : documents.values().stream().map(StoredDocument::document);
        return matchDocumentsFromStream(all, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                         int batchSize, Document fieldSelector) {
        Plan plan = plan(query, orderBy);
        if (plan == null) {
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        List<Object> page = new ArrayList<>();
        int skipped = 0;
        for (Object position : plan.positions()) {
            if (plan.filtersFurther() && !matches(position, query)) {
                continue;
            }
            if (skipped < numberToSkip) {
                skipped++;
                continue;
            }
            page.add(position);
            if (limit > 0 && page.size() >= limit) {
                break;
            }
        }
        return matchDocuments(query, page, orderBy, 0, limit, batchSize, fieldSelector);
    }

    @Override
    public int count(Document query, int skip, int limit) {
        if (query == null || query.isEmpty()) {
            return super.count(query, skip, limit);
        }
        Equalities equalities = Equalities.of(query);
        List<Plan> fitting = fitting(equalities, List.of());
        Plan plan = smallest(fitting);
        if (plan == null) {
            return super.count(query, skip, limit);
        }
        long count;
        if (!plan.filtersFurther()) {
            count = plan.size();
        } else {
            Long intersected = countByIntersection(equalities, plan, fitting);
            count = intersected != null ? intersected : countByMatching(plan, query);
        }
        count = Math.max(0, count - Math.max(0, skip));
        return (int) (limit > 0 ? Math.min(count, limit) : count);
    }

    private long countByMatching(Plan plan, Document query) {
        long count = 0;
        for (Object position : plan.positions()) {
            if (matches(position, query)) {
                count++;
            }
        }
        return count;
    }

    /**
     * A count of equalities no single index covers ({@code status} and {@code riskLevel}, each the head of its own
     * index), as the intersection of the ranges that cover them, walked by {@code _id} without loading a document;
     * null when the filter has other conditions, when no set of ranges covers it, or when the other ranges are so
     * much longer than the smallest that testing its documents is cheaper.
     */
    private static Long countByIntersection(Equalities equalities, Plan smallest, List<Plan> fitting) {
        if (!equalities.complete()) {
            return null;
        }
        Set<String> covered = new HashSet<>(smallest.fields());
        List<Plan> others = new ArrayList<>();
        long walked = 0;
        while (!covered.containsAll(equalities.values().keySet())) {
            Plan next = null;
            for (Plan candidate : fitting) {
                if (!covered.containsAll(candidate.fields()) && (next == null || candidate.size() < next.size())) {
                    next = candidate;
                }
            }
            if (next == null) {
                return null;
            }
            covered.addAll(next.fields());
            others.add(next);
            walked += next.size();
        }
        if (walked > DOCUMENT_COST_IN_KEYS * smallest.size()) {
            return null;
        }
        Set<Object> positions = new HashSet<>();
        smallest.positions().forEach(positions::add);
        for (Plan other : others) {
            Set<Object> kept = new HashSet<>();
            for (Object position : other.positions()) {
                if (positions.contains(position)) {
                    kept.add(position);
                }
            }
            positions = kept;
        }
        return (long) positions.size();
    }

    /** The index a find with this filter and sort walks, or null for a scan of the collection: its explain. */
    String indexFor(Document query, Document orderBy) {
        Plan plan = plan(query, orderBy);
        return plan == null ? null : plan.index().getName();
    }

    private boolean matches(Object position, Document query) {
        Document document = getDocument(position);
        return document != null && documentMatchesQuery(document, query);
    }

    /** The best index range for this filter and sort, or null when no index fits. */
    private Plan plan(Document query, Document orderBy) {
        List<IndexKey> sort = sortOf(orderBy);
        return query == null || sort == null ? null : smallest(fitting(Equalities.of(query), sort));
    }

    /** The range of every secondary index that fits these equalities and gives this sort. */
    private List<Plan> fitting(Equalities equalities, List<IndexKey> sort) {
        List<Plan> fitting = new ArrayList<>();
        for (Index<Object> index : getIndexes()) {
            Plan plan = index instanceof SecondaryIndex secondary ? Plan.of(secondary, equalities, sort) : null;
            if (plan != null) {
                fitting.add(plan);
            }
        }
        return fitting;
    }

    private static Plan smallest(List<Plan> plans) {
        return plans.stream().min(Comparator.comparingLong(Plan::size)).orElse(null);
    }

    /** The sort as index keys; empty for none; null for one an index cannot give ({@code $natural}, text score). */
    private static List<IndexKey> sortOf(Document orderBy) {
        List<IndexKey> sort = new ArrayList<>();
        if (orderBy == null) {
            return sort;
        }
        for (Map.Entry<String, Object> field : orderBy.entrySet()) {
            if (field.getKey().startsWith("$") || !(field.getValue() instanceof Number direction)) {
                return null;
            }
            sort.add(new IndexKey(field.getKey(), direction.intValue() >= 0));
        }
        return sort;
    }

    /** A key range of one index: its leading values fixed by the filter's equalities. */
    private record Plan(SecondaryIndex index, List<String> fields, List<Object> prefix, boolean reverse,
                        boolean filtersFurther, long size) {

        static Plan of(SecondaryIndex index, Equalities equalities, List<IndexKey> sort) {
            List<IndexKey> order = index.order();
            List<Object> prefix = new ArrayList<>();
            Set<String> fixedFields = new HashSet<>();
            int fixed = 0;
            while (fixed < order.size() && equalities.values().containsKey(order.get(fixed).getKey())
                    && fixedFields.add(order.get(fixed).getKey())) {
                prefix.add(equalities.values().get(order.get(fixed).getKey()));
                fixed++;
            }
            List<IndexKey> rest = order.subList(fixed, order.size());
            if ((fixed == 0 && sort.isEmpty()) || sort.size() > rest.size()
                    || rest.stream().anyMatch(key -> index.mayHoldArrays(key.getKey()))) {
                return null;
            }
            Boolean reverse = null;
            for (int i = 0; i < sort.size(); i++) {
                IndexKey wanted = sort.get(i);
                IndexKey kept = rest.get(i);
                if (!wanted.getKey().equals(kept.getKey())) {
                    return null;
                }
                boolean flipped = wanted.isAscending() != kept.isAscending();
                if (reverse != null && reverse != flipped) {
                    return null;
                }
                reverse = flipped;
            }
            boolean filtersFurther = !equalities.complete() || equalities.values().size() != fixed;
            return new Plan(index, List.copyOf(fixedFields), prefix, Boolean.TRUE.equals(reverse), filtersFurther,
                    index.size(prefix));
        }

        Iterable<Object> positions() {
            return index.positions(prefix, reverse);
        }
    }

    /**
     * The plain equality conditions of a filter ({@code {field: value}}, also inside a top-level {@code $and}),
     * and whether they are all it says. Values an index key cannot stand for (null, which also matches a missing
     * field; documents; arrays; patterns) are left to the matcher.
     */
    private record Equalities(Map<String, Object> values, boolean complete) {

        static Equalities of(Document query) {
            Map<String, Object> values = new LinkedHashMap<>();
            boolean complete = collect(query, values);
            return new Equalities(values, complete);
        }

        private static boolean collect(Document query, Map<String, Object> values) {
            boolean complete = true;
            for (Map.Entry<String, Object> condition : query.entrySet()) {
                String field = condition.getKey();
                Object value = condition.getValue();
                if ("$and".equals(field) && value instanceof Collection<?> parts) {
                    for (Object part : parts) {
                        complete &= part instanceof Document document && collect(document, values);
                    }
                } else if (field.startsWith("$") || !indexable(value) || values.containsKey(field)) {
                    complete = false;
                } else {
                    values.put(field, value);
                }
            }
            return complete;
        }

        private static boolean indexable(Object value) {
            return value != null && !(value instanceof Map<?, ?>) && !(value instanceof Collection<?>)
                    && !(value instanceof Pattern) && !(value instanceof BsonRegularExpression)
                    && !value.getClass().isArray();
        }
    }
}
