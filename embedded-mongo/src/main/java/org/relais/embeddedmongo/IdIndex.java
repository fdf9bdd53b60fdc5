package org.relais.embeddedmongo;

import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The {@code _id} index, which is the collection's table itself (its primary key is the encoded {@code _id}): a
 * document's position is its {@code _id}, so adding or removing a key has nothing to write.
 */
final class IdIndex extends AbstractUniqueIndex<Object> {

    private final SqliteCollection collection;

    IdIndex(SqliteCollection collection, String name, List<IndexKey> keys) {
        super(name, keys, false);
        this.collection = collection;
    }

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        return getPosition(keyValue);
    }

    /** The library checks the key again after the document is stored: here the document is the key. */
    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        // the table's primary key holds it
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        return true;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return collection.ids().stream().map(id -> Map.entry(new KeyValue(id), id)).toList();
    }

    @Override
    protected Object getPosition(KeyValue keyValue) {
        return collection.hasId(keyValue.get(0)) ? collection.storedId(keyValue.get(0)) : null;
    }

    @Override
    public long getCount() {
        return collection.count();
    }

    @Override
    public boolean isEmpty() {
        return collection.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        // the collection's table goes with the collection
    }

    static boolean covers(List<IndexKey> keys, String idField) {
        return idField != null && keys.size() == 1 && keys.get(0).getKey().equals(idField);
    }
}
