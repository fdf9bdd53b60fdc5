package org.relais.projections.support;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Which generation of its collections each projection serves from: one document per projection in
 * {@code projection_generations}. Query handlers and the live processor resolve collection names through it on
 * every call, so switching a projection to a rebuilt generation is a single-document write (atomic in MongoDB).
 *
 * <p>The active generation is cached in memory and only this class changes it. With several application instances
 * each would have to re-read it; that belongs with the multi-instance work (see ProjectionRebuilder).
 */
@Component
public class ProjectionGenerations {

    static final String COLLECTION = "projection_generations";

    private final MongoTemplate mongo;
    private final Map<String, Long> active = new ConcurrentHashMap<>();

    public ProjectionGenerations(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public CollectionSet active(String projection) {
        return new CollectionSet(projection, active.computeIfAbsent(projection, this::stored));
    }

    public void activate(String projection, long generation) {
        mongo.upsert(query(where("_id").is(projection)), new Update().set("active", generation), COLLECTION);
        active.put(projection, generation);
    }

    /**
     * Empties the projection's active generation and declares its indexes again: what Axon's reset of its processor
     * (a replay from the start) needs before the first event comes back.
     */
    public void resetActive(BatchProjection projection) {
        CollectionSet generation = active(projection.name());
        drop(projection, generation);
        projection.declareIndexes(generation);
    }

    /** Drops every collection of the projection in one generation. */
    public void drop(BatchProjection projection, CollectionSet generation) {
        projection.collections().forEach(base -> mongo.dropCollection(generation.name(base)));
    }

    private long stored(String projection) {
        Document document = mongo.getCollection(COLLECTION).find(new Document("_id", projection)).first();
        return document == null ? 0 : ((Number) document.get("active")).longValue();
    }
}
