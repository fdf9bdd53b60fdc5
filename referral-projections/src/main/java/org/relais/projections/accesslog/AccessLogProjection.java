package org.relais.projections.accesslog;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.relais.core.api.query.AccessLogPageView;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.query.FindAccessLogQuery;
import org.relais.core.api.access.PersonalDataAccessedEvent;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The access log auditors query: who was shown which personal fields and free texts of which case, when, and why. Each record is
 * keyed by its event's identifier, so a replay writes the same document again and nothing twice.
 */
@Component
@ProcessingGroup(AccessLogProjection.PROCESSING_GROUP)
class AccessLogProjection implements InitializingBean {

    static final String PROCESSING_GROUP = "access-log";
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("at"), Sort.Order.desc("_id"));

    private final MongoTemplate mongo;

    AccessLogProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        IndexOperations indexes = mongo.indexOps(AccessRecordDocument.class);
        indexes.createIndex(new Index().on("at", Sort.Direction.DESC).on("_id", Sort.Direction.DESC).named("at"));
        indexes.createIndex(new Index().on("referralId", Sort.Direction.ASC).on("at", Sort.Direction.DESC)
                .on("_id", Sort.Direction.DESC).named("referral_at"));
        indexes.createIndex(new Index().on("actorUser", Sort.Direction.ASC).on("at", Sort.Direction.DESC)
                .on("_id", Sort.Direction.DESC).named("actor_at"));
    }

    @EventHandler
    void on(PersonalDataAccessedEvent event, org.axonframework.eventhandling.EventMessage<?> message,
            @Timestamp Instant at,
            @MetaDataValue(ActorMetadata.USER) String user,
            @MetaDataValue(ActorMetadata.ROLE) String role,
            @MetaDataValue(ActorMetadata.PARTNER) String partner) {
        mongo.save(new AccessRecordDocument(message.getIdentifier(), event.referralId(), user, role, partner, at,
                event.fields(), event.texts(), event.purpose()));
    }

    @QueryHandler
    AccessLogPageView handle(FindAccessLogQuery query) {
        List<Criteria> criteria = new ArrayList<>();
        if (query.referralId() != null) {
            criteria.add(where("referralId").is(query.referralId()));
        }
        if (query.actor() != null) {
            criteria.add(where("actorUser").is(query.actor()));
        }
        if (query.from() != null || query.to() != null) {
            Criteria at = where("at");
            if (query.from() != null) {
                at = at.gte(query.from());
            }
            if (query.to() != null) {
                at = at.lt(query.to());
            }
            criteria.add(at);
        }
        Query filter = criteria.isEmpty() ? new Query() : new Query(new Criteria().andOperator(criteria));
        long total = mongo.count(filter, AccessRecordDocument.class);
        Query page = Query.of(filter).with(NEWEST_FIRST).skip((long) query.page() * query.size()).limit(query.size());
        return new AccessLogPageView(mongo.find(page, AccessRecordDocument.class).stream()
                .map(AccessRecordDocument::toView).toList(), total, query.page(), query.size());
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), AccessRecordDocument.class);
    }
}
