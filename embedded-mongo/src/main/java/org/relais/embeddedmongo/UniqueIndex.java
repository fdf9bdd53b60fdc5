package org.relais.embeddedmongo;

import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;

/**
 * A unique index other than {@code _id}'s: a table from the key (in {@link KeyEncoding}) to the key's values and the
 * document's position (its {@code _id}), both as BSON. The library checks uniqueness before it adds a key.
 */
final class UniqueIndex extends AbstractUniqueIndex<Object> {

    private static final boolean[] ASCENDING = new boolean[0];

    private final Sql sql;
    private final String table;

    UniqueIndex(Sql sql, String table, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.sql = sql;
        this.table = table;
    }

    String table() {
        return table;
    }

    private void ensureTable() {
        sql.ddl("CREATE TABLE IF NOT EXISTS " + table + " (k BLOB PRIMARY KEY, kv BLOB NOT NULL, pos BLOB NOT NULL) "
                + "WITHOUT ROWID");
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
        sql.ddl("DROP TABLE IF EXISTS " + table);
        sql.file().vacuumAfterCommit();
    }
}
