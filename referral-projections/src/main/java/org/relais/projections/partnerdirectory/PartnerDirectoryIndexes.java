package org.relais.projections.partnerdirectory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * The directory is listed by name; one index serves that order, on a real MongoDB as on the embedded read side.
 * Lookups by id use the primary key.
 */
@Component
class PartnerDirectoryIndexes implements InitializingBean {

    private final MongoTemplate mongo;

    PartnerDirectoryIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(PartnerDocument.class)
                .createIndex(new Index().on("name", Sort.Direction.ASC).on("_id", Sort.Direction.ASC).named("name"));
    }
}
