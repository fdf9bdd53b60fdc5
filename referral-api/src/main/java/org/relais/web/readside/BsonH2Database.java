package org.relais.web.readside;

import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.relais.web.readside.BsonDataTypes.StoredDocument;

/**
 * mongo-java-server's H2 database ({@code H2Database}, which this follows map for map and name for name), with
 * collections and unique indexes opened with the BSON data types of {@link BsonDataTypes} instead of Java
 * serialization. It is a copy rather than a subclass because the library's constructor opens every collection
 * before a subclass could hand it the data types.
 */
final class BsonH2Database extends AbstractSynchronizedMongoDatabase<Object> {

    private static final String DATABASES_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    private static final String ARRAY_FIELDS = ".arrays";

    private final MVStore mvStore;

    BsonH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
        super(databaseName, cursorRegistry);
        this.mvStore = mvStore;
        initializeNamespacesAndIndexes();
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        return new UniqueIndex(indexMap(collectionName, indexName), indexName, keys, sparse);
    }

    /** The library ignores non-unique indexes; here they are kept, and read by {@link IndexedH2Collection}. */
    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                       boolean sparse) {
        String mapName = indexMapName(collectionName, indexName);
        MVMap<KeyValue, Boolean> entries = mvStore.openMap(mapName, new MVMap.Builder<KeyValue, Boolean>()
                .keyType(BsonDataTypes.KeyValueType.ordered(SecondaryIndex.descending(keys))));
        return new SecondaryIndex(indexName, keys, sparse, entries, mvStore.openMap(mapName + ARRAY_FIELDS));
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        String mapName = indexMapName(collection.getCollectionName(), indexName);
        mvStore.removeMap(mapName);
        mvStore.removeMap(mapName + ARRAY_FIELDS);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String fullName = getFullCollectionNamespace(collectionName);
        return new IndexedH2Collection(this, collectionName, options, dataMap(fullName), metaMap(fullName),
                cursorRegistry);
    }

    /**
     * Answers the driver's {@code countDocuments} (an aggregation: {@code $match}, optional {@code $skip} and
     * {@code $limit}, then a {@code $group} that counts) with the collection's count, which can use an index; the
     * library would run the pipeline over every document of the collection.
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
    public void dropCollection(String collectionName, Oplog oplog) {
        super.dropCollection(collectionName, oplog);
        String fullName = getFullCollectionNamespace(collectionName);
        mvStore.removeMap(dataMap(fullName));
        mvStore.removeMap(metaMap(fullName));
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        super.moveCollection(oldDatabase, collection, newCollectionName);
        String fullName = collection.getFullName();
        String newFullName = getFullCollectionNamespace(newCollectionName);
        mvStore.renameMap(dataMap(fullName), DATABASES_PREFIX + newFullName);
        mvStore.renameMap(metaMap(fullName), META_PREFIX + newFullName);
    }

    @Override
    public void drop(Oplog oplog) {
        super.drop(oplog);
        List<String> names = mvStore.getMapNames().stream()
                .filter(name -> name.startsWith(databaseName + ".") || name.startsWith(DATABASES_PREFIX + databaseName)
                        || name.startsWith(META_PREFIX + databaseName))
                .toList();
        names.forEach(name -> mvStore.removeMap(name));
    }

    @Override
    protected long getStorageSize() {
        FileStore<?> fileStore = mvStore.getFileStore();
        return fileStore == null ? 0 : fileStore.size();
    }

    @Override
    protected long getFileSize() {
        return getStorageSize();
    }

    private MVMap<Object, StoredDocument> dataMap(String fullName) {
        return mvStore.openMap(DATABASES_PREFIX + fullName,
                new MVMap.Builder<Object, StoredDocument>().valueType(BsonDataTypes.DocumentType.INSTANCE));
    }

    private MVMap<String, Object> metaMap(String fullName) {
        return mvStore.openMap(META_PREFIX + fullName);
    }

    private MVMap<KeyValue, Object> indexMap(String collectionName, String indexName) {
        return mvStore.openMap(indexMapName(collectionName, indexName),
                new MVMap.Builder<KeyValue, Object>().keyType(BsonDataTypes.KeyValueType.INSTANCE));
    }

    private String indexMapName(String collectionName, String indexName) {
        return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
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

    /** The library's H2 unique index (whose constructor is not public), over a BSON-keyed map. */
    private static final class UniqueIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue keyValue) {
            return map.remove(keyValue);
        }

        @Override
        protected boolean putKeyPosition(KeyValue keyValue, Object position) {
            return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue keyValue) {
            return map.get(keyValue);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }
}
