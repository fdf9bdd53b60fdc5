package org.relais.projections.casedetail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.query.FindReferralAsOfQuery;
import org.relais.core.api.query.FindReferralQuery;
import org.relais.core.api.query.ReferralDetailView;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.projections.support.BatchProjection;
import org.relais.projections.support.CollectionSet;
import org.relais.projections.support.DocumentBatch;
import org.relais.projections.support.Events;
import org.relais.projections.support.LiveBatches;
import org.relais.projections.support.ProjectionGenerations;
import org.relais.projections.support.ReferralEvents;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps one document per case with everything a reader may be shown, personal data sealed; it is read by id only
 * (no secondary index). An event at or below the document's version is skipped, so replays and redeliveries are
 * harmless. The same code answers "the case as of an instant" by applying the case's own events from the event
 * store in memory.
 */
@Component
@ProcessingGroup(CaseDetailProjection.PROCESSING_GROUP)
class CaseDetailProjection implements BatchProjection {

    static final String PROCESSING_GROUP = "case-detail";

    private final MongoTemplate mongo;
    private final ProjectionGenerations generations;
    private final LiveBatches live;
    private final EventStore eventStore;

    CaseDetailProjection(MongoTemplate mongo, ProjectionGenerations generations, LiveBatches live,
                         EventStore eventStore) {
        this.mongo = mongo;
        this.generations = generations;
        this.live = live;
        this.eventStore = eventStore;
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
        return List.of(CaseDetailDocument.COLLECTION);
    }

    @Override
    public void apply(List<? extends EventMessage<?>> events, CollectionSet target) {
        DocumentBatch batch = new DocumentBatch(mongo);
        apply(events, batch, target.name(CaseDetailDocument.COLLECTION));
        batch.flush();
    }

    private static void apply(List<? extends EventMessage<?>> events, DocumentBatch batch, String collection) {
        batch.prefetch(CaseDetailDocument.class, collection, events.stream()
                .map(event -> ReferralEvents.referralId(event.getPayload())).filter(id -> id != null).toList(),
                document -> document.id);
        for (EventMessage<?> event : events) {
            Object payload = event.getPayload();
            String referralId = ReferralEvents.referralId(payload);
            if (referralId == null) {
                continue;
            }
            long sequence = Events.sequence(event);
            CaseDetailDocument document = batch.find(CaseDetailDocument.class, collection, referralId);
            String formerlyRepeated = document == null ? null : document.duplicateOf;
            if (payload instanceof ReferralReceivedEvent received) {
                if (document != null) {
                    continue;
                }
                document = CaseDetailDocument.received(received, event.getTimestamp(),
                        Events.metadata(event, ActorMetadata.USER), sequence);
            } else if (document == null || sequence <= document.version
                    || !document.apply(payload, event.getTimestamp())) {
                continue;
            } else {
                document.version = sequence;
            }
            batch.save(collection, referralId, document);
            listDuplicate(payload, document, formerlyRepeated, batch, collection);
        }
    }

    /**
     * The case a duplicate repeats lists it until the duplicate is reopened. Adding and removing are idempotent, so
     * a replay or a redelivery leaves the list as it was; the repeated case is always received before its duplicate.
     */
    private static void listDuplicate(Object payload, CaseDetailDocument duplicate, String formerlyRepeated,
                                      DocumentBatch batch, String collection) {
        String repeated = payload instanceof ReferralClosedEvent closed ? closed.duplicateOf()
                : payload instanceof ReferralReopenedEvent ? formerlyRepeated : null;
        CaseDetailDocument original = repeated == null ? null
                : batch.find(CaseDetailDocument.class, collection, repeated);
        if (original == null) {
            return;
        }
        boolean listed = original.duplicates.stream().anyMatch(link -> link.referralId.equals(duplicate.id));
        if (payload instanceof ReferralClosedEvent && !listed) {
            original.duplicates.add(CaseLink.of(duplicate.id, duplicate.reference));
            batch.save(collection, original.id, original);
        } else if (payload instanceof ReferralReopenedEvent && listed) {
            original.duplicates.removeIf(link -> link.referralId.equals(duplicate.id));
            batch.save(collection, original.id, original);
        }
    }

    @Override
    public void declareIndexes(CollectionSet target) {
        // Read by _id only.
    }

    @QueryHandler
    Optional<ReferralDetailView> handle(FindReferralQuery query) {
        return Optional.ofNullable(mongo.findById(query.referralId(), CaseDetailDocument.class,
                generations.active(PROCESSING_GROUP).name(CaseDetailDocument.COLLECTION)))
                .map(CaseDetailDocument::toView);
    }

    /** The case as it stood at {@code asOf}, replayed from its own events in the event store, not from Mongo. */
    @QueryHandler
    Optional<ReferralDetailView> handle(FindReferralAsOfQuery query) {
        Instant asOf = query.asOf();
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(query.referralId()).asStream()
                .filter(event -> !event.getTimestamp().isAfter(asOf)).toList();
        DocumentBatch memory = DocumentBatch.inMemory();
        apply(events, memory, CaseDetailDocument.COLLECTION);
        return Optional.ofNullable(memory.find(CaseDetailDocument.class, CaseDetailDocument.COLLECTION,
                query.referralId())).map(CaseDetailDocument::toView);
    }

    @ResetHandler
    void reset() {
        generations.resetActive(this);
    }
}
