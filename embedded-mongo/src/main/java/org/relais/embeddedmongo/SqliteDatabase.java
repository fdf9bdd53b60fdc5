package org.relais.embeddedmongo;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

/**
 * A database whose collections and indexes are tables of the SQLite file, named after them. The library keeps the
 * collections' names and the indexes' definitions in its own {@code system.namespaces} and {@code system.indexes}
 * collections, which are tables here too, so a reopened file has the collections and indexes it had.
 */
final class SqliteDatabase extends AbstractSynchronizedMongoDatabase<Object> {

    private final Sql sql;

    SqliteDatabase(String databaseName, CursorRegistry cursorRegistry, Sql sql) {
        super(databaseName, cursorRegistry);
        this.sql = sql;
        initializeNamespacesAndIndexes();
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String fullName = getFullCollectionNamespace(collectionName);
        return new SqliteCollection(this, collectionName, options, cursorRegistry, sql, Sql.table("c", fullName));
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        MongoCollection<Object> collection = resolveCollection(collectionName, false);
        if (collection instanceof SqliteCollection sqlite && IdIndex.covers(keys, sqlite.idField())) {
            return new IdIndex(sqlite, indexName, keys);
        }
        String idField = collection instanceof SqliteCollection sqlite ? sqlite.idField() : "_id";
        return new UniqueIndex(sql, indexTable(collectionName, indexName), indexName, keys, sparse,
                new SecondaryIndex(sql, indexTable(collectionName, indexName + "#order"), indexName, keys, sparse,
                        idField));
    }

    /** The library ignores non-unique indexes; here they are kept, and read by the collection's planner. */
    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                       boolean sparse) {
        MongoCollection<Object> collection = resolveCollection(collectionName, false);
        String idField = collection instanceof SqliteCollection sqlite ? sqlite.idField() : "_id";
        return new SecondaryIndex(sql, indexTable(collectionName, indexName), indexName, keys, sparse, idField);
    }

    private String indexTable(String collectionName, String indexName) {
        return Sql.table("i", getFullCollectionNamespace(collectionName) + "." + indexName);
    }

    /**
     * Answers the driver's {@code countDocuments} (an aggregation: {@code $match}, optional {@code $skip} and
     * {@code $limit}, then a {@code $group} that counts) with the collection's count, which can use an index; the
     * library would run the pipeline over every document.
     */
    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
                                  Oplog oplog) {
        if ("aggregate".equalsIgnoreCase(command) && query.get("aggregate") instanceof String collectionName) {
            CountPipeline count = CountPipeline.of(query.get("pipeline"));
            if (count != null) {
                MongoCollection<Object> collection = resolveCollection(collectionName, false);
                long n = collection == null ? 0 : collection.count(count.filter(), count.skip(), count.limit());
                List<Document> batch = n == 0 ? List.of() : List.of(new Document("_id", 1).append("n", (int) n));
                Document cursor = new Document("id", 0L).append("ns", getFullCollectionNamespace(collectionName))
                        .append("firstBatch", batch);
                return new Document("cursor", cursor).append("ok", 1.0);
            }
        }
        return super.handleCommand(channel, command, query, resolver, oplog);
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        throw new MongoServerError(20, "renaming a collection is not supported by the SQLite backend");
    }

    @Override
    protected long getStorageSize() {
        return sql.file().fileSize();
    }

    @Override
    protected long getFileSize() {
        return sql.file().fileSize();
    }

    /** The pipeline the driver sends for {@code countDocuments}; null for any other. */
    private record CountPipeline(Document filter, int skip, int limit) {

        static CountPipeline of(Object pipeline) {
            if (!(pipeline instanceof List<?> stages) || stages.size() < 2
                    || !(stages.get(0) instanceof Document first) || !(first.get("$match") instanceof Document filter)
                    || first.size() != 1 || !isCountingGroup(stages.get(stages.size() - 1))) {
                return null;
            }
            int skip = 0;
            int limit = 0;
            for (Object stage : stages.subList(1, stages.size() - 1)) {
                if (stage instanceof Document step && step.size() == 1 && step.get("$skip") instanceof Number n) {
                    skip = n.intValue();
                } else if (stage instanceof Document step && step.size() == 1
                        && step.get("$limit") instanceof Number n) {
                    limit = n.intValue();
                } else {
                    return null;
                }
            }
            return new CountPipeline(filter, skip, limit);
        }

        private static boolean isCountingGroup(Object stage) {
            return stage instanceof Document step && step.size() == 1 && step.get("$group") instanceof Document group
                    && group.size() == 2 && group.get("_id") instanceof Number id && id.intValue() == 1
                    && group.get("n") instanceof Document sum && sum.size() == 1
                    && sum.get("$sum") instanceof Number one && one.intValue() == 1;
        }
    }
}
