package org.relais.projections.support;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.bson.Document;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The documents one batch of events reads and changes: each is read at most once, changed in memory as the events
 * are applied in order, and written back in one unordered bulk per collection when the batch ends; documents that
 * are only ever created go in one unordered insert per collection. Without a
 * {@link MongoTemplate} it is a purely in-memory store (an "as of" replay of one case).
 */
public final class DocumentBatch {

    /** MongoDB's error code for a key already present in a unique index. */
    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;
    private final Map<String, Map<String, Object>> documents = new HashMap<>();
    private final Map<String, Set<String>> changed = new LinkedHashMap<>();
    private final Map<String, List<Object>> created = new LinkedHashMap<>();

    public DocumentBatch(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public static DocumentBatch inMemory() {
        return new DocumentBatch(null);
    }

    /** The document, or null if there is none. */
    public <T> T find(Class<T> type, String collection, String id) {
        Map<String, Object> known = documents.computeIfAbsent(collection, c -> new HashMap<>());
        if (!known.containsKey(id)) {
            known.put(id, mongo == null ? null : mongo.findById(id, type, collection));
        }
        return type.cast(known.get(id));
    }

    /** Reads the given documents with one query instead of one each. */
    public <T> void prefetch(Class<T> type, String collection, Collection<String> ids, Function<T, String> idOf) {
        Map<String, Object> known = documents.computeIfAbsent(collection, c -> new HashMap<>());
        List<String> missing = ids.stream().filter(id -> !known.containsKey(id)).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        missing.forEach(id -> known.put(id, null));
        if (mongo != null) {
            for (T document : mongo.find(query(where("_id").in(missing)), type, collection)) {
                known.put(idOf.apply(document), document);
            }
        }
    }

    public void save(String collection, String id, Object document) {
        documents.computeIfAbsent(collection, c -> new HashMap<>()).put(id, document);
        changed.computeIfAbsent(collection, c -> new LinkedHashSet<>()).add(id);
    }

    /**
     * A document that is only ever created, never changed, and is a pure function of its event (an audit entry):
     * written with a plain insert, cheaper than the upsert of {@link #save}. One already there from an earlier
     * delivery of the same event is, by construction, the same document and is left as it is.
     */
    public void create(String collection, String id, Object document) {
        documents.computeIfAbsent(collection, c -> new HashMap<>()).put(id, document);
        if (mongo != null) {
            Document raw = new Document();
            mongo.getConverter().write(document, raw);
            raw.put("_id", id);
            created.computeIfAbsent(collection, c -> new ArrayList<>()).add(raw);
        }
    }

    public int pendingWrites() {
        return changed.values().stream().mapToInt(Set::size).sum()
                + created.values().stream().mapToInt(List::size).sum();
    }

    /** Writes every changed document (whole-document replace, upserting) and inserts the created ones. */
    public void flush() {
        if (mongo == null) {
            return;
        }
        for (Map.Entry<String, Set<String>> collection : changed.entrySet()) {
            if (collection.getValue().isEmpty()) {
                continue;
            }
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection.getKey());
            for (String id : collection.getValue()) {
                Document raw = new Document();
                mongo.getConverter().write(documents.get(collection.getKey()).get(id), raw);
                raw.put("_id", id);
                bulk.replaceOne(query(where("_id").is(id)), raw, FindAndReplaceOptions.options().upsert());
            }
            bulk.execute();
        }
        changed.clear();
        for (Map.Entry<String, List<Object>> collection : created.entrySet()) {
            insertIgnoringRedeliveries(collection.getKey(), collection.getValue());
        }
        created.clear();
    }

    private void insertIgnoringRedeliveries(String collection, List<Object> documents) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection).insert(documents).execute();
        } catch (BulkOperationException e) {
            if (!e.getErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY)) {
                throw e;
            }
        }
    }
}
