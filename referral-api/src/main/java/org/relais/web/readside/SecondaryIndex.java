package org.relais.web.readside;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * A non-unique index of the embedded read side: one entry per document (per array element for an array field),
 * keyed by the indexed values in the index's own order followed by the document's {@code _id}, in an ordered MVStore
 * map. mongo-java-server ignores non-unique indexes; this one is read by {@link IndexedH2Collection}, which walks a
 * key range in order (a page without sorting the collection) and counts a range from the map's ranks.
 */
final class SecondaryIndex extends Index<Object> {

    private static final String ID = "_id";

    /** Keys sorted and put together when an index is filled from existing documents. */
    private static final int FILL_RUN = 100_000;

    private final MVMap<KeyValue, Boolean> entries;
    private final MVMap<String, Boolean> arrayFields;
    private final List<IndexKey> order;

    SecondaryIndex(String name, List<IndexKey> keys, boolean sparse, MVMap<KeyValue, Boolean> entries,
                   MVMap<String, Boolean> arrayFields) {
        super(name, keys, sparse);
        this.entries = entries;
        this.arrayFields = arrayFields;
        this.order = orderOf(keys);
    }

    /** The declared keys, then {@code _id} ascending unless declared: the order the entries are kept in. */
    private static List<IndexKey> orderOf(List<IndexKey> keys) {
        List<IndexKey> order = new ArrayList<>(keys);
        if (keys.stream().noneMatch(key -> ID.equals(key.getKey()))) {
            order.add(new IndexKey(ID, true));
        }
        return order;
    }

    /** Whether each position of an entry's key sorts descending (the appended {@code _id} never does). */
    static boolean[] descending(List<IndexKey> keys) {
        boolean[] descending = new boolean[keys.size() + 1];
        for (int i = 0; i < keys.size(); i++) {
            descending[i] = !keys.get(i).isAscending();
        }
        return descending;
    }

    /** The top-level fields its keys are read from (the first step of a nested path). */
    Set<String> topLevelFields() {
        Set<String> fields = new HashSet<>();
        for (IndexKey key : getKeys()) {
            String path = key.getKey();
            fields.add(path.contains(".") ? path.substring(0, path.indexOf('.')) : path);
        }
        return fields;
    }

    List<IndexKey> order() {
        return order;
    }

    /** Whether some document has held an array (or a nested path, which may cross one) in this field. */
    boolean mayHoldArrays(String field) {
        return field.contains(".") || arrayFields.containsKey(field);
    }

    /** How many entries start with these values, from two rank lookups. */
    long size(List<Object> prefix) {
        return rank(upper(prefix)) - rank(lower(prefix));
    }

    /** The {@code _id}s of the entries that start with these values, in index order or its reverse. */
    Iterable<Object> positions(List<Object> prefix, boolean reverse) {
        KeyValue lower = lower(prefix);
        KeyValue upper = upper(prefix);
        return () -> new Iterator<>() {
            private final Iterator<KeyValue> keys = reverse ? entries.keyIteratorReverse(upper)
                    : entries.keyIterator(lower);
            private KeyValue next = advance();

            private KeyValue advance() {
                if (!keys.hasNext()) {
                    return null;
                }
                KeyValue key = keys.next();
                boolean inside = reverse ? lower == null || entries.getKeyType().compare(key, lower) > 0
                        : entries.getKeyType().compare(key, upper) < 0;
                return inside ? key : null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Object next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Object id = next.get(next.size() - 1);
                next = advance();
                return id;
            }
        };
    }

    private long rank(KeyValue bound) {
        if (bound == null) {
            return 0;
        }
        long index = entries.getKeyIndex(bound);
        return index < 0 ? -index - 1 : index;
    }

    /** The prefix itself, which sorts before every key it starts; null (the map's start) for none. */
    private static KeyValue lower(List<Object> prefix) {
        return prefix.isEmpty() ? null : new KeyValue(prefix);
    }

    private static KeyValue upper(List<Object> prefix) {
        List<Object> values = new ArrayList<>(prefix);
        values.add(BsonDataTypes.KeyValueType.END);
        return new KeyValue(values);
    }

    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // not unique: any document may be added
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        noteArrays(document);
        for (KeyValue key : keysOf(document, position)) {
            entries.put(key, Boolean.TRUE);
        }
    }

    /**
     * Fills this empty index from a collection's documents, putting the keys in runs sorted in the index's order:
     * the map's writes then touch few of its pages at a time, where keys in the collection's order would change
     * nearly every page between two of the store's commits and have it write them all again each time. A run is
     * bounded so that the heap holds a run, not the collection's keys.
     */
    void fill(Stream<DocumentWithPosition<Object>> documents) {
        List<KeyValue> run = new ArrayList<>();
        documents.forEach(document -> {
            noteArrays(document.getDocument());
            run.addAll(keysOf(document.getDocument(), document.getPosition()));
            if (run.size() >= FILL_RUN) {
                putInOrder(run);
            }
        });
        putInOrder(run);
    }

    private void putInOrder(List<KeyValue> run) {
        run.sort(entries.getKeyType()::compare);
        run.forEach(key -> entries.put(key, Boolean.TRUE));
        run.clear();
    }

    @Override
    public Object remove(Document document) {
        Object position = document.get(ID);
        for (KeyValue key : keysOf(document, position)) {
            entries.remove(key);
        }
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // not unique: any update is allowed
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) {
        if (sameIndexedValues(oldDocument, newDocument)) {
            return;
        }
        Set<KeyValue> before = Set.copyOf(keysOf(oldDocument, position));
        Set<KeyValue> after = Set.copyOf(keysOf(newDocument, position));
        if (before.equals(after)) {
            return;
        }
        noteArrays(newDocument);
        before.stream().filter(key -> !after.contains(key)).forEach(entries::remove);
        after.stream().filter(key -> !before.contains(key)).forEach(key -> entries.put(key, Boolean.TRUE));
    }

    /** Never offered to the library's own planner, which would read every position and sort them in memory. */
    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("read through IndexedH2Collection");
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        entries.clear();
        arrayFields.clear();
    }

    /**
     * Whether an update leaves every indexed field as it was, told from the fields themselves: a read model
     * declares many indexes (the case list 37) and an event changes few fields, so most indexes are skipped without
     * computing their keys. A nested path is never taken as unchanged.
     */
    private boolean sameIndexedValues(Document oldDocument, Document newDocument) {
        for (IndexKey key : getKeys()) {
            String field = key.getKey();
            if (field.contains(".") || !Objects.equals(oldDocument.get(field), newDocument.get(field))) {
                return false;
            }
        }
        return true;
    }

    private List<KeyValue> keysOf(Document document, Object position) {
        List<KeyValue> keys = new ArrayList<>();
        for (KeyValue values : getKeyValues(document)) {
            List<Object> key = new ArrayList<>(values.size() + 1);
            values.forEach(key::add);
            key.add(position);
            keys.add(new KeyValue(key));
        }
        return keys;
    }

    private void noteArrays(Document document) {
        for (IndexKey key : getKeys()) {
            Object value = document.get(key.getKey());
            if (value instanceof Collection<?> || value instanceof Object[]) {
                arrayFields.putIfAbsent(key.getKey(), Boolean.TRUE);
            }
        }
    }
}
