package org.relais.projections.casedetail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.referral.ConsentGivenEvent;
import org.relais.core.api.referral.ConsentWithdrawnEvent;
import org.relais.core.api.referral.CoordinatorAssignedEvent;
import org.relais.core.api.referral.DeadlineRescheduledEvent;
import org.relais.core.api.query.FindReferralAsOfQuery;
import org.relais.core.api.query.FindReferralQuery;
import org.relais.core.api.referral.NoteAddedEvent;
import org.relais.core.api.referral.NoticeOutcomeRecordedEvent;
import org.relais.core.api.referral.PersonalDataRectifiedEvent;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.query.ReferralDetailView;
import org.relais.core.api.referral.ReferralErasureRequestedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.core.api.referral.ReferralTriagedEvent;
import org.relais.core.api.referral.TransferAcceptedEvent;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferMessagePostedEvent;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.api.referral.TransferReroutedEvent;
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
        prefetch(CaseDetailDocument.class, COLLECTION, document -> document.id).byAny(ReferralEvents::referralId);
        on(ReferralReceivedEvent.class, this::received);
        onCase(ReferralTriagedEvent.class, CaseDetailDocument::triaged);
        onCase(CoordinatorAssignedEvent.class, CaseDetailDocument::assigned);
        onCase(ConsentGivenEvent.class, CaseDetailDocument::consentGiven);
        onCase(ConsentWithdrawnEvent.class, CaseDetailDocument::consentWithdrawn);
        onCase(TransferRequestedEvent.class, CaseDetailDocument::requested);
        onCase(TransferAcknowledgedEvent.class, CaseDetailDocument::acknowledged);
        onCase(TransferAcceptedEvent.class, CaseDetailDocument::accepted);
        onCase(TransferDeclinedEvent.class, CaseDetailDocument::declined);
        onCase(TransferCancelledEvent.class, CaseDetailDocument::cancelled);
        onCase(TransferCompletedEvent.class, CaseDetailDocument::completed);
        onCase(DeadlineRescheduledEvent.class, CaseDetailDocument::rescheduled);
        onCase(TransferAcknowledgementOverdueEvent.class, CaseDetailDocument::overdue);
        onCase(TransferReroutedEvent.class, CaseDetailDocument::rerouted);
        onCase(NoticeOutcomeRecordedEvent.class, CaseDetailDocument::answered);
        onCase(ReferralErasureRequestedEvent.class, CaseDetailDocument::erasureRequested);
        onCase(NoteAddedEvent.class, CaseDetailDocument::written);
        onCase(TransferMessagePostedEvent.class, CaseDetailDocument::written);
        onCase(PersonalDataRectifiedEvent.class, CaseDetailDocument::rectified);
        on(ReferralClosedEvent.class, (e, event) -> {
            CaseDetailDocument duplicate = change(event, e.referralId(), document -> document.closed(e, event.at()));
            CaseDetailDocument original = duplicate == null || e.duplicateOf() == null ? null
                    : event.find(CaseDetailDocument.class, COLLECTION, e.duplicateOf());
            if (original != null && original.duplicates.stream()
                    .noneMatch(link -> link.referralId.equals(duplicate.id))) {
                original.duplicates.add(CaseLink.of(duplicate.id, duplicate.reference));
                event.save(COLLECTION, original.id, original);
            }
        });
        on(ReferralReopenedEvent.class, (e, event) -> {
            CaseDetailDocument before = event.find(CaseDetailDocument.class, COLLECTION, e.referralId());
            String formerlyRepeated = before == null ? null : before.duplicateOf;
            CaseDetailDocument duplicate = change(event, e.referralId(), document -> document.reopened(e, event.at()));
            CaseDetailDocument original = duplicate == null || formerlyRepeated == null ? null
                    : event.find(CaseDetailDocument.class, COLLECTION, formerlyRepeated);
            if (original != null && original.duplicates.removeIf(link -> link.referralId.equals(duplicate.id))) {
                event.save(COLLECTION, original.id, original);
            }
        });
    }

    /** How one later event of a case changes its document. */
    @FunctionalInterface
    private interface CaseChange<E> {
        void apply(CaseDetailDocument document, E event, Instant at);
    }

    private <E> void onCase(Class<E> type, CaseChange<E> change) {
        on(type, (e, event) -> change(event, ReferralEvents.referralId(e),
                document -> change.apply(document, e, event.at())));
    }

    private void received(ReferralReceivedEvent received, Applying event) {
        if (event.find(CaseDetailDocument.class, COLLECTION, received.referralId()) == null) {
            event.save(COLLECTION, received.referralId(), CaseDetailDocument.received(received, event.at(),
                    event.metadata(ActorMetadata.USER), event.sequence()));
        }
    }

    /**
     * Changes the case's document if the event is newer than it, and returns the document changed (null if the
     * event changed nothing). The case a duplicate repeats lists it until the duplicate is reopened: adding and
     * removing the link are idempotent, and the repeated case is always received before its duplicate.
     */
    private static CaseDetailDocument change(Applying event, String referralId,
                                             Consumer<CaseDetailDocument> change) {
        CaseDetailDocument document = referralId == null ? null
                : event.find(CaseDetailDocument.class, COLLECTION, referralId);
        if (document == null || event.sequence() <= document.version) {
            return null;
        }
        change.accept(document);
        document.changed(event.at());
        document.version = event.sequence();
        event.save(COLLECTION, referralId, document);
        return document;
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
