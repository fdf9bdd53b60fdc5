package org.relais.embeddedmongo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A non-unique index: a table of (key, encoded {@code _id}) pairs, the key the indexed values in
 * {@link KeyEncoding} with each descending field inverted, one entry per array element for an array field. The
 * library ignores non-unique indexes; this one is read by {@link SqliteCollection}'s planner, which walks a key range
 * in order and counts one.
 */
final class SecondaryIndex extends Index<Object> {

    private final Sql sql;
    private final String table;
    private boolean created;
    private final String idField;
    private final boolean[] descending;
    private final Set<String> arrayFields;

    SecondaryIndex(Sql sql, String table, String name, List<IndexKey> keys, boolean sparse, String idField) {
        super(name, keys, sparse);
        this.sql = sql;
        this.table = table;
        this.idField = idField;
        this.descending = new boolean[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            descending[i] = !keys.get(i).isAscending();
        }
        this.arrayFields = new HashSet<>(sql.list("SELECT field FROM relais_array_fields WHERE index_table = ?",
                row -> row.getString(1), table));
    }

    String table() {
        return table;
    }

    boolean[] descending() {
        return descending;
    }

    boolean sparse() {
        return isSparse();
    }

    /** Whether some document has held an array in this field (or a nested path, which may cross one). */
    boolean mayHoldArrays(String field) {
        return field.contains(".") || arrayFields.contains(field);
    }

    /**
     * Creates the table at the first entry. Remembered for this object's life: a rolled-back creation fails the
     * store, which reopens with new index objects.
     */
    private void ensureTable() {
        if (!created) {
            sql.ddl("CREATE TABLE IF NOT EXISTS " + table + " (k BLOB NOT NULL, id BLOB NOT NULL, PRIMARY KEY (k, id)) "
                    + "WITHOUT ROWID");
            created = true;
        }
    }

    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // not unique
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        ensureTable();
        noteArrays(document);
        byte[] id = KeyEncoding.value(position);
        for (byte[] key : keysOf(document)) {
            sql.update("INSERT OR IGNORE INTO " + table + " (k, id) VALUES (?, ?)", key, id);
        }
    }

    @Override
    public Object remove(Document document) {
        Object position = idOf(document);
        byte[] id = KeyEncoding.value(position);
        for (byte[] key : keysOf(document)) {
            sql.update("DELETE FROM " + table + " WHERE k = ? AND id = ?", key, id);
        }
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // not unique
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) {
        if (sameIndexedValues(oldDocument, newDocument)) {
            return;
        }
        List<byte[]> before = keysOf(oldDocument);
        List<byte[]> after = keysOf(newDocument);
        Set<String> beforeSet = hex(before);
        Set<String> afterSet = hex(after);
        if (beforeSet.equals(afterSet)) {
            return;
        }
        ensureTable();
        noteArrays(newDocument);
        byte[] id = KeyEncoding.value(position);
        for (byte[] key : before) {
            if (!afterSet.contains(hex(key))) {
                sql.update("DELETE FROM " + table + " WHERE k = ? AND id = ?", key, id);
            }
        }
        for (byte[] key : after) {
            if (!beforeSet.contains(hex(key))) {
                sql.update("INSERT OR IGNORE INTO " + table + " (k, id) VALUES (?, ?)", key, id);
            }
        }
    }

    /** Never offered to the library's planner, which would read every position and sort in memory. */
    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("read through SqliteCollection's planner");
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
        created = false;
        sql.update("DELETE FROM relais_array_fields WHERE index_table = ?", table);
        sql.file().vacuumAfterCommit();
    }

    /** The entries' keys of a document; none for a sparse index and a document with none of its fields. */
    List<byte[]> keysOf(Document document) {
        if (isSparse() && getKeys().stream().allMatch(key ->
                Missing.isNullOrMissing(Utils.getSubdocumentValue(document, key.getKey())))) {
            return List.of();
        }
        List<byte[]> keys = new ArrayList<>();
        for (KeyValue values : getKeyValues(document)) {
            keys.add(KeyEncoding.encode(values, descending));
        }
        return keys;
    }

    private Object idOf(Document document) {
        return idField == null ? null : document.get(idField);
    }

    /** Whether an update leaves every indexed top-level field as it was: most events change few fields. */
    private boolean sameIndexedValues(Document oldDocument, Document newDocument) {
        for (IndexKey key : getKeys()) {
            String field = key.getKey();
            if (field.contains(".") || !Objects.equals(oldDocument.get(field), newDocument.get(field))) {
                return false;
            }
        }
        return true;
    }

    private void noteArrays(Document document) {
        for (IndexKey key : getKeys()) {
            Object value = document.get(key.getKey());
            if ((value instanceof Collection<?> || value instanceof Object[]) && arrayFields.add(key.getKey())) {
                sql.update("INSERT OR IGNORE INTO relais_array_fields (index_table, field) VALUES (?, ?)", table,
                        key.getKey());
            }
        }
    }

    private static Set<String> hex(List<byte[]> keys) {
        Set<String> set = new HashSet<>();
        keys.forEach(key -> set.add(hex(key)));
        return set;
    }

    private static String hex(byte[] key) {
        return java.util.HexFormat.of().formatHex(key);
    }
}
