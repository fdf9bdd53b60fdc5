package org.relais.projections.caselist;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

/**
 * The indexes a real MongoDB needs so that no case-list query scans the collection: one per filter, each ending
 * with the default sort so that a filtered page is read in order. The embedded server ignores non-unique indexes;
 * they are declared all the same.
 */
@Component
class CaseListIndexes implements InitializingBean {

    private final MongoTemplate mongo;

    CaseListIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        IndexOperations indexes = mongo.indexOps(CaseSummaryDocument.class);
        indexes.createIndex(new Index().on("reference", Sort.Direction.ASC).unique().named("reference_unique"));
        indexes.createIndex(new Index().on("receivedAt", Sort.Direction.DESC).named("received"));
        indexes.createIndex(new Index().on("updatedAt", Sort.Direction.DESC).named("updated"));
        for (String filter : new String[] {"status", "riskLevel", "categories", "channel", "ageBand", "partnerIds",
                "overdue", "minor"}) {
            indexes.createIndex(new Index().on(filter, Sort.Direction.ASC).on("receivedAt", Sort.Direction.DESC)
                    .named(filter + "_received"));
        }
    }
}
