package org.relais.projections.casedetail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.FindReferralAsOfQuery;
import org.relais.core.api.FindReferralQuery;
import org.relais.core.api.ReferralDetailView;
import org.relais.core.api.ReferralClosedEvent;
import org.relais.core.api.ReferralReceivedEvent;
import org.relais.core.api.ReferralReopenedEvent;
import org.relais.projections.support.Applying;
import org.relais.projections.support.CollectionSet;
import org.relais.projections.support.ProjectionContext;
import org.relais.projections.support.ReferralEvents;
import org.relais.projections.support.RoutedProjection;
import org.springframework.stereotype.Component;

/**
 * Keeps one document per case with everything a reader may be shown, personal data sealed; it is read by id only
 * (no secondary index). An event at or below the document's version is skipped, so replays and redeliveries are
 * harmless. The same code answers "the case as of an instant" by applying the case's own events from the event
 * store in memory.
 */
@Component
@ProcessingGroup(CaseDetailProjection.PROCESSING_GROUP)
class CaseDetailProjection extends RoutedProjection {

    static final String PROCESSING_GROUP = "case-detail";
    private static final String COLLECTION = CaseDetailDocument.COLLECTION;

    private final EventStore eventStore;

    CaseDetailProjection(ProjectionContext context, EventStore eventStore) {
        super(context, PROCESSING_GROUP, COLLECTION);
        this.eventStore = eventStore;
        prefetch(CaseDetailDocument.class, COLLECTION, ReferralEvents::referralId, document -> document.id);
        on(ReferralReceivedEvent.class, this::received);
        onAnyOther(this::changed);
    }

    private void received(ReferralReceivedEvent received, Applying event) {
        if (event.find(CaseDetailDocument.class, COLLECTION, received.referralId()) == null) {
            event.save(COLLECTION, received.referralId(), CaseDetailDocument.received(received, event.at(),
                    event.metadata(ActorMetadata.USER), event.sequence()));
        }
    }

    /** Any other event of a case newer than its document; those of other aggregates change nothing. */
    private void changed(Object payload, Applying event) {
        String referralId = ReferralEvents.referralId(payload);
        CaseDetailDocument document = referralId == null ? null
                : event.find(CaseDetailDocument.class, COLLECTION, referralId);
        if (document == null || event.sequence() <= document.version) {
            return;
        }
        String formerlyRepeated = document.duplicateOf;
        if (!document.apply(payload, event.at())) {
            return;
        }
        document.version = event.sequence();
        event.save(COLLECTION, referralId, document);
        listDuplicate(payload, document, formerlyRepeated, event);
    }

    /**
     * The case a duplicate repeats lists it until the duplicate is reopened. Adding and removing are idempotent, so
     * a replay or a redelivery leaves the list as it was; the repeated case is always received before its duplicate.
     */
    private static void listDuplicate(Object payload, CaseDetailDocument duplicate, String formerlyRepeated,
                                      Applying event) {
        String repeated = payload instanceof ReferralClosedEvent closed ? closed.duplicateOf()
                : payload instanceof ReferralReopenedEvent ? formerlyRepeated : null;
        CaseDetailDocument original = repeated == null ? null
                : event.find(CaseDetailDocument.class, COLLECTION, repeated);
        if (original == null) {
            return;
        }
        boolean listed = original.duplicates.stream().anyMatch(link -> link.referralId.equals(duplicate.id));
        if (payload instanceof ReferralClosedEvent && !listed) {
            original.duplicates.add(CaseLink.of(duplicate.id, duplicate.reference));
            event.save(COLLECTION, original.id, original);
        } else if (payload instanceof ReferralReopenedEvent && listed) {
            original.duplicates.removeIf(link -> link.referralId.equals(duplicate.id));
            event.save(COLLECTION, original.id, original);
        }
    }

    @Override
    public void declareIndexes(CollectionSet target) {
        // Read by _id only.
    }

    @QueryHandler
    Optional<ReferralDetailView> handle(FindReferralQuery query) {
        return Optional.ofNullable(mongo().findById(query.referralId(), CaseDetailDocument.class,
                active().name(COLLECTION)))
                .map(CaseDetailDocument::toView);
    }

    /** The case as it stood at {@code asOf}, replayed from its own events in the event store, not from Mongo. */
    @QueryHandler
    Optional<ReferralDetailView> handle(FindReferralAsOfQuery query) {
        Instant asOf = query.asOf();
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(query.referralId()).asStream()
                .filter(event -> !event.getTimestamp().isAfter(asOf)).toList();
        return Optional.ofNullable(applyInMemory(events).find(CaseDetailDocument.class, COLLECTION,
                query.referralId())).map(CaseDetailDocument::toView);
    }
}
