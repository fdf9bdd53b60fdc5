package org.relais.embeddedmongo;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A collection in its own table: the encoded {@code _id} ({@link KeyEncoding}) as primary key, the document as BSON;
 * a document's position is its {@code _id}. Finds and counts that a {@link SecondaryIndex} fits are answered by
 * walking that index's key range ({@link QueryPlanner}); every document read is still checked by the library's own
 * matcher, so answers are the server's. Anything else reads the whole table, as the library would.
 */
final class SqliteCollection extends AbstractSynchronizedMongoCollection<Object> {

    private static final int PAGE = 256;

    private final Sql sql;
    private final String table;
    private final QueryPlanner planner;
    private boolean created;

    SqliteCollection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors, Sql sql,
                     String table) {
        super(database, name, options, cursors);
        this.sql = sql;
        this.table = table;
        this.planner = new QueryPlanner(this);
    }

    String table() {
        return table;
    }

    Sql sql() {
        return sql;
    }

    String idField() {
        return getIdField();
    }

    private void ensureTable() {
        if (!created) {
            sql.ddl("CREATE TABLE IF NOT EXISTS " + table + " (id BLOB PRIMARY KEY, doc BLOB NOT NULL)");
            created = true;
        }
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        ensureTable();
        Object position = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField())
                : UUID.randomUUID().toString();
        sql.update("INSERT INTO " + table + " (id, doc) VALUES (?, ?)", KeyEncoding.value(position),
                DocumentCodec.encode(document));
        return position;
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        sql.update("UPDATE " + table + " SET doc = ? WHERE id = ?", DocumentCodec.encode(newDocument),
                idKey(position));
    }

    @Override
    protected Document getDocument(Object position) {
        return byId(idKey(position));
    }

    Document byId(byte[] id) {
        return sql.one("SELECT doc FROM " + table + " WHERE id = ?", row -> DocumentCodec.decode(row.getBytes(1)), id);
    }

    @Override
    protected void removeDocument(Object position) {
        if (sql.update("DELETE FROM " + table + " WHERE id = ?", idKey(position)) != 1) {
            throw new NoSuchElementException("no document at this position in " + getFullName());
        }
    }

    boolean hasId(Object id) {
        return sql.one("SELECT 1 FROM " + table + " WHERE id = ?", row -> 1, KeyEncoding.value(id)) != null;
    }

    Object storedId(Object id) {
        return id;
    }

    List<Object> ids() {
        return streamAllDocumentsWithPosition().map(DocumentWithPosition::getPosition).toList();
    }

    @Override
    public int count() {
        return (int) sql.count("SELECT count(*) FROM " + table);
    }

    @Override
    public boolean isEmpty() {
        return sql.one("SELECT 1 FROM " + table + " LIMIT 1", row -> 1) == null;
    }

    /** The library would encode every written document once more to count its size. */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected void updateDataSize(int sizeDelta) {
        // computed from the table when asked
    }

    @Override
    protected int getDataSize() {
        return (int) Math.min(Integer.MAX_VALUE, sql.count("SELECT coalesce(sum(length(doc)), 0) FROM " + table));
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        if (getIdField() != null) {
            return scan(false).map(row -> new DocumentWithPosition<>(row,
                    Utils.getSubdocumentValue(row, getIdField())));
        }
        // the library's system collections have no id field: their rows are few, read at once with their keys
        return sql.list("SELECT id, doc FROM " + table + " ORDER BY rowid", row -> new DocumentWithPosition<Object>(
                DocumentCodec.decode(row.getBytes(2)), new StoredKey(HexFormat.of().formatHex(row.getBytes(1)))))
                .stream();
    }

    /** The position of a row of a collection without an id field: its stored key, as read. */
    private record StoredKey(String hex) {
    }

    private static byte[] idKey(Object position) {
        return position instanceof StoredKey stored ? HexFormat.of().parseHex(stored.hex())
                : KeyEncoding.value(position);
    }

    /** Every document in insertion order (or its reverse), read a page at a time. */
    private Stream<Document> scan(boolean reverse) {
        Iterator<Document> documents = new PagedDocuments(PAGE) {
            private long last = reverse ? Long.MAX_VALUE : Long.MIN_VALUE;

            @Override
            protected List<Document> nextPage() {
                return sql.list("SELECT rowid, doc FROM " + table + " WHERE rowid " + (reverse ? "<" : ">")
                        + " ? ORDER BY rowid " + (reverse ? "DESC" : "") + " LIMIT " + PAGE, row -> {
                            last = row.getLong(1);
                            return DocumentCodec.decode(row.getBytes(2));
                        }, last);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(documents, Spliterator.ORDERED), false);
    }

    /** A find no index fits: every document, in insertion order or its reverse for {@code $natural: -1}. */
    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        return matchDocumentsFromStream(scan(isNaturalDescending(orderBy)), query, orderBy, numberToSkip, limit,
                batchSize, fieldSelector);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        QueryPlanner.Plan plan = planner.plan(query, orderBy);
        if (plan == null) {
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        int wanted = limit == 0 ? Integer.MAX_VALUE : Math.abs(limit);
        List<Document> page = new ArrayList<>();
        int skipped = 0;
        for (Document document : plan.documents()) {
            if (plan.filtersFurther() && !documentMatchesQuery(document, query)) {
                continue;
            }
            if (skipped < numberToSkip) {
                skipped++;
                continue;
            }
            page.add(document);
            if (page.size() >= wanted) {
                break;
            }
        }
        return matchDocumentsFromStream(page.stream(), query, orderBy, 0, limit, batchSize, fieldSelector);
    }

    @Override
    public int count(Document query, int skip, int limit) {
        if (query == null || query.isEmpty()) {
            return super.count(query, skip, limit);
        }
        QueryPlanner.Plan plan = planner.plan(query, null);
        if (plan == null) {
            return super.count(query, skip, limit);
        }
        long count;
        Long intersected;
        if (!plan.filtersFurther()) {
            count = plan.exactSize();
        } else if ((intersected = planner.countByIntersection(query)) != null) {
            count = intersected;
        } else {
            count = 0;
            for (Document document : plan.documents()) {
                if (documentMatchesQuery(document, query)) {
                    count++;
                }
            }
        }
        count = Math.max(0, count - Math.max(0, skip));
        return (int) (limit > 0 ? Math.min(count, limit) : count);
    }

    /** The name of the index a find with this filter and sort walks, or null for a scan: the planner's explain. */
    public synchronized String explain(Document query, Document orderBy) {
        return sql.file().inRead(() -> {
            QueryPlanner.Plan plan = planner.plan(query, orderBy);
            return plan == null ? null : plan.index().getName();
        });
    }

    /**
     * How many index entries a find with this filter and sort walks at most (counted up to the planner's bound), or
     * -1 for a scan: what a range narrows, which the index's name alone does not tell.
     */
    public synchronized long explainEntries(Document query, Document orderBy) {
        return sql.file().inRead(() -> {
            QueryPlanner.Plan plan = planner.plan(query, orderBy);
            return plan == null ? -1L : plan.boundedSize();
        });
    }

    List<SecondaryIndex> secondaryIndexes() {
        List<SecondaryIndex> indexes = new ArrayList<>();
        for (Index<Object> index : getIndexes()) {
            if (index instanceof SecondaryIndex secondary) {
                indexes.add(secondary);
            } else if (index instanceof UniqueIndex unique) {
                indexes.add(unique.order());
            }
        }
        return indexes;
    }

    @Override
    public void drop() {
        super.drop();
        sql.ddl("DROP TABLE IF EXISTS " + table);
        sql.file().vacuumAfterCommit();
        created = false;
    }
}
