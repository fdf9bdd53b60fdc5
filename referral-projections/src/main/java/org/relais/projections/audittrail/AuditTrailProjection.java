package org.relais.projections.audittrail;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.query.AuditTrailPageView;
import org.relais.core.api.query.FindAuditTrailQuery;
import org.relais.projections.support.BatchProjection;
import org.relais.projections.support.CollectionSet;
import org.relais.projections.support.DocumentBatch;
import org.relais.projections.support.EventPositions;
import org.relais.projections.support.Events;
import org.relais.projections.support.IndexDeclarations;
import org.relais.projections.support.LiveBatches;
import org.relais.projections.support.ProjectionGenerations;
import org.relais.projections.support.ReferralEvents;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Every event of every aggregate, with who did it (metadata), when, on what, and a line without personal data.
 * Entries are keyed by the global index (see {@link AuditEntryDocument}) and keep the event identifier.
 */
@Component
@ProcessingGroup(AuditTrailProjection.PROCESSING_GROUP)
class AuditTrailProjection implements BatchProjection {

    static final String PROCESSING_GROUP = "audit-trail";

    /** The order things happened: event time, then the event store's own order. */
    static final Sort ORDER = Sort.by(Sort.Order.asc("at"), Sort.Order.asc("globalIndex"), Sort.Order.asc("_id"));

    private final MongoTemplate mongo;
    private final ProjectionGenerations generations;
    private final LiveBatches live;
    private final EventPositions positions;

    AuditTrailProjection(MongoTemplate mongo, ProjectionGenerations generations, LiveBatches live,
                         EventPositions positions) {
        this.mongo = mongo;
        this.generations = generations;
        this.live = live;
        this.positions = positions;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) {
        live.handle(this, event);
    }

    @Override
    public String name() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(AuditEntryDocument.COLLECTION);
    }

    @Override
    public void apply(List<? extends EventMessage<?>> events, CollectionSet target) {
        String collection = target.name(AuditEntryDocument.COLLECTION);
        DocumentBatch batch = new DocumentBatch(mongo);
        Map<String, Long> globalIndexes = Events.globalIndexes(events, positions);
        for (EventMessage<?> event : events) {
            AuditEntryDocument entry = new AuditEntryDocument();
            Long globalIndex = globalIndexes.get(event.getIdentifier());
            entry.id = AuditEntryDocument.keyOf(globalIndex, event.getIdentifier());
            entry.eventId = event.getIdentifier();
            entry.globalIndex = globalIndex;
            entry.at = event.getTimestamp();
            entry.aggregateType = Events.aggregateType(event);
            entry.aggregateId = Events.aggregateId(event);
            entry.sequence = Events.sequence(event);
            entry.referralId = ReferralEvents.referralId(event.getPayload());
            entry.eventType = event.getPayloadType().getSimpleName();
            entry.actorUser = Events.metadata(event, ActorMetadata.USER);
            entry.actorRole = Events.metadata(event, ActorMetadata.ROLE);
            entry.actorPartner = Events.metadata(event, ActorMetadata.PARTNER);
            entry.description = Descriptions.of(event.getPayload());
            batch.create(collection, entry.id, entry);
        }
        batch.flush();
    }

    /** By case, by actor, by time alone (each in {@link #ORDER}); by global index for the coming hash chain. */
    @Override
    public void declareIndexes(CollectionSet target) {
        List<Index> indexes = new ArrayList<>();
        for (String filter : new String[] {"referralId", "actorUser"}) {
            indexes.add(new Index().on(filter, Sort.Direction.ASC).on("at", Sort.Direction.ASC)
                    .on("globalIndex", Sort.Direction.ASC).on("_id", Sort.Direction.ASC).named(filter + "_order"));
        }
        indexes.add(new Index().on("at", Sort.Direction.ASC).on("globalIndex", Sort.Direction.ASC)
                .on("_id", Sort.Direction.ASC).named("order"));
        indexes.add(new Index().on("globalIndex", Sort.Direction.ASC).named("global_index"));
        IndexDeclarations.declare(mongo, target.name(AuditEntryDocument.COLLECTION), indexes);
    }

    @QueryHandler
    AuditTrailPageView handle(FindAuditTrailQuery query) {
        String collection = generations.active(PROCESSING_GROUP).name(AuditEntryDocument.COLLECTION);
        Query filter = new Query();
        if (query.referralId() != null) {
            filter.addCriteria(where("referralId").is(query.referralId()));
        }
        if (query.actor() != null) {
            filter.addCriteria(where("actorUser").is(query.actor()));
        }
        if (query.from() != null || query.to() != null) {
            Criteria at = where("at");
            if (query.from() != null) {
                at = at.gte(query.from());
            }
            if (query.to() != null) {
                at = at.lt(query.to());
            }
            filter.addCriteria(at);
        }
        long total = mongo.count(filter, collection);
        Query page = Query.of(filter).with(ORDER).skip((long) query.page() * query.size()).limit(query.size());
        return new AuditTrailPageView(mongo.find(page, AuditEntryDocument.class, collection).stream()
                .map(AuditEntryDocument::toView).toList(), total, query.page(), query.size());
    }

    @ResetHandler
    void reset() {
        generations.resetActive(this);
    }
}
