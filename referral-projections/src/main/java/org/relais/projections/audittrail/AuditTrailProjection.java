package org.relais.projections.audittrail;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.queryhandling.QueryHandler;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.query.AuditTrailPageView;
import org.relais.core.api.query.FindAuditTrailQuery;
import org.relais.projections.support.Applying;
import org.relais.projections.support.CollectionSet;
import org.relais.projections.support.EventPositions;
import org.relais.projections.support.Events;
import org.relais.projections.support.IndexDeclarations;
import org.relais.projections.support.ProjectionContext;
import org.relais.projections.support.ReferralEvents;
import org.relais.projections.support.RoutedProjection;
import org.springframework.data.domain.Sort;
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
class AuditTrailProjection extends RoutedProjection {

    static final String PROCESSING_GROUP = "audit-trail";

    /** The order things happened: event time, then the event store's own order. */
    static final Sort ORDER = Sort.by(Sort.Order.asc("at"), Sort.Order.asc("globalIndex"), Sort.Order.asc("_id"));

    private static final String COLLECTION = AuditEntryDocument.COLLECTION;

    private final EventPositions positions;

    AuditTrailProjection(ProjectionContext context, EventPositions positions) {
        super(context, PROCESSING_GROUP, COLLECTION);
        this.positions = positions;
        onAnyOther(this::entry);
    }

    /** Every event, whatever its type, is one entry. */
    private void entry(Object payload, Applying event) {
        GlobalIndexes globalIndexes = event.batch().local(GlobalIndexes.class,
                () -> new GlobalIndexes(Events.globalIndexes(event.batch().events(), positions)));
        EventMessage<?> message = event.message();
        AuditEntryDocument entry = new AuditEntryDocument();
        Long globalIndex = globalIndexes.byEvent().get(event.id());
        entry.id = AuditEntryDocument.keyOf(globalIndex, event.id());
        entry.eventId = event.id();
        entry.globalIndex = globalIndex;
        entry.at = event.at();
        entry.aggregateType = Events.aggregateType(message);
        entry.aggregateId = Events.aggregateId(message);
        entry.sequence = event.sequence();
        entry.referralId = ReferralEvents.referralId(payload);
        entry.eventType = message.getPayloadType().getSimpleName();
        entry.actorUser = event.metadata(ActorMetadata.USER);
        entry.actorRole = event.metadata(ActorMetadata.ROLE);
        entry.actorPartner = event.metadata(ActorMetadata.PARTNER);
        entry.description = Descriptions.of(payload);
        event.create(COLLECTION, entry.id, entry);
    }

    /** The events' positions in the event store, found once for the whole batch. */
    private record GlobalIndexes(Map<String, Long> byEvent) {
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
        IndexDeclarations.declare(mongo(), target.name(COLLECTION), indexes);
    }

    @QueryHandler
    AuditTrailPageView handle(FindAuditTrailQuery query) {
        String collection = active().name(COLLECTION);
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
        long total = mongo().count(filter, collection);
        Query page = Query.of(filter).with(ORDER).skip((long) query.page() * query.size()).limit(query.size());
        return new AuditTrailPageView(mongo().find(page, AuditEntryDocument.class, collection).stream()
                .map(AuditEntryDocument::toView).toList(), total, query.page(), query.size());
    }
}
