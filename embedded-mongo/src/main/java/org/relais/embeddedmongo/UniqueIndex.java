package org.relais.embeddedmongo;

import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A unique index other than {@code _id}'s: a table from the key (in {@link KeyEncoding}) to the key's values and the
 * document's position (its {@code _id}), both as BSON. The library checks uniqueness before it adds a key.
 *
 * <p>The library reads a unique index for equalities only; a sort on its fields (a list ordered by a unique
 * reference) is served by its {@link #order()}: the same keys kept as a {@link SecondaryIndex}, which the planner
 * walks in order like any other, under this index's name.
 */
final class UniqueIndex extends AbstractUniqueIndex<Object> {

    private static final boolean[] ASCENDING = new boolean[0];

    private final Sql sql;
    private final String table;
    private boolean created;
    private final SecondaryIndex order;

    UniqueIndex(Sql sql, String table, String name, List<IndexKey> keys, boolean sparse, SecondaryIndex order) {
        super(name, keys, sparse);
        this.sql = sql;
        this.table = table;
        this.order = order;
    }

    /** The same keys in order, for the planner's walks. */
    SecondaryIndex order() {
        return order;
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        super.add(document, position, collection);
        order.add(document, position, collection);
    }

    @Override
    public synchronized Object remove(Document document) {
        Object position = super.remove(document);
        order.remove(document);
        return position;
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) {
        super.updateInPlace(oldDocument, newDocument, position, collection);
        order.updateInPlace(oldDocument, newDocument, position, collection);
    }

    String table() {
        return table;
    }

    /**
     * Creates the table at the first entry. Remembered for this object's life: a rolled-back creation fails the
     * store, which reopens with new index objects.
     */
    private void ensureTable() {
        if (!created) {
            sql.ddl("CREATE TABLE IF NOT EXISTS " + table
                    + " (k BLOB PRIMARY KEY, kv BLOB NOT NULL, pos BLOB NOT NULL) WITHOUT ROWID");
            created = true;
        }
    }

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        byte[] key = KeyEncoding.encode(keyValue, ASCENDING);
        Object position = getPosition(keyValue);
        sql.update("DELETE FROM " + table + " WHERE k = ?", key);
        return position;
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        ensureTable();
        byte[] key = KeyEncoding.encode(keyValue, ASCENDING);
        return sql.update("INSERT OR IGNORE INTO " + table + " (k, kv, pos) VALUES (?, ?, ?)", key,
                DocumentCodec.encodeValue(keyValue.stream().toList()), DocumentCodec.encodeValue(position)) == 1;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return sql.list("SELECT kv, pos FROM " + table + " ORDER BY k", row -> Map.entry(
                new KeyValue((List<?>) DocumentCodec.decodeValue(row.getBytes(1))),
                DocumentCodec.decodeValue(row.getBytes(2))));
    }

    @Override
    protected Object getPosition(KeyValue keyValue) {
        byte[] key = KeyEncoding.encode(keyValue, ASCENDING);
        return sql.one("SELECT pos FROM " + table + " WHERE k = ?", row -> DocumentCodec.decodeValue(row.getBytes(1)),
                key);
    }

    @Override
    public long getCount() {
        return sql.count("SELECT count(*) FROM " + table);
    }

    @Override
    public boolean isEmpty() {
        return sql.one("SELECT 1 FROM " + table + " LIMIT 1", row -> 1) == null;
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        order.drop();
        sql.ddl("DROP TABLE IF EXISTS " + table);
        created = false;
        sql.file().vacuumAfterCommit();
    }
}
