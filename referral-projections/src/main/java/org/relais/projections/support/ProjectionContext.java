package org.relais.projections.support;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * What every {@link RoutedProjection} is built with: the read side, the generations of its collections, and the live
 * processor's batching. One bean, so that a projection's constructor names it once whatever the adapter needs.
 */
@Component
public class ProjectionContext {

    private final MongoTemplate mongo;
    private final ProjectionGenerations generations;
    private final LiveBatches live;

    public ProjectionContext(MongoTemplate mongo, ProjectionGenerations generations, LiveBatches live) {
        this.mongo = mongo;
        this.generations = generations;
        this.live = live;
    }

    public MongoTemplate mongo() {
        return mongo;
    }

    public ProjectionGenerations generations() {
        return generations;
    }

    LiveBatches live() {
        return live;
    }
}
