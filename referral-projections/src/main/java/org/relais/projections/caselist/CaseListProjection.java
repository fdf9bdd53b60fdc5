package org.relais.projections.caselist;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.axonframework.config.ProcessingGroup;
import org.relais.core.api.referral.CoordinatorAssignedEvent;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.core.api.referral.ReferralTriagedEvent;
import org.relais.core.api.referral.TransferAcceptedEvent;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.api.referral.TransferState;
import org.relais.projections.support.Applying;
import org.relais.projections.support.CollectionSet;
import org.relais.projections.support.IndexDeclarations;
import org.relais.projections.support.ProjectionContext;
import org.relais.projections.support.ReferralEvents;
import org.relais.projections.support.RoutedProjection;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Keeps the case list: one document per referral, without personal data. An event at or below the document's
 * version is skipped, so a redelivered or replayed event changes nothing twice.
 */
@Component
@ProcessingGroup(CaseListProjection.PROCESSING_GROUP)
class CaseListProjection extends RoutedProjection {

    static final String PROCESSING_GROUP = "case-list";

    /** The sorts of the case list that break ties on {@code _id}, by stored field ("riskLevel" sorts on riskRank). */
    static final List<String> SORT_FIELDS = List.of("receivedAt", "updatedAt", "riskRank");

    private static final String COLLECTION = CaseSummaryDocument.COLLECTION;

    CaseListProjection(ProjectionContext context) {
        super(context, PROCESSING_GROUP, COLLECTION);
        prefetch(CaseSummaryDocument.class, COLLECTION, document -> document.id).byAny(ReferralEvents::referralId);
        on(ReferralReceivedEvent.class, this::received);
        on(ReferralTriagedEvent.class, (e, event) -> change(event, e.referralId(), document -> document.triaged(e)));
        on(TransferRequestedEvent.class, (e, event) -> change(event, e.referralId(),
                document -> document.requested(e)));
        on(TransferAcknowledgedEvent.class, (e, event) -> change(event, e.referralId(),
                document -> document.move(e.transferId(), TransferState.ACKNOWLEDGED)));
        on(TransferAcceptedEvent.class, (e, event) -> change(event, e.referralId(),
                document -> document.move(e.transferId(), TransferState.ACCEPTED)));
        on(TransferDeclinedEvent.class, (e, event) -> change(event, e.referralId(),
                document -> document.move(e.transferId(), TransferState.DECLINED)));
        on(TransferCancelledEvent.class, (e, event) -> change(event, e.referralId(),
                document -> document.move(e.transferId(), TransferState.CANCELLED)));
        on(TransferCompletedEvent.class, (e, event) -> change(event, e.referralId(),
                document -> document.move(e.transferId(), TransferState.COMPLETED)));
        on(TransferAcknowledgementOverdueEvent.class, (e, event) -> change(event, e.referralId(),
                document -> document.overdue(e)));
        on(CoordinatorAssignedEvent.class, (e, event) -> change(event, e.referralId(),
                document -> document.assigned(e)));
        on(ReferralClosedEvent.class, (e, event) -> change(event, e.referralId(), document -> document.closed(true)));
        on(ReferralReopenedEvent.class, (e, event) -> change(event, e.referralId(),
                document -> document.closed(false)));
        // Any other event of a case only moves its time of update (and version).
        onAnyOther((payload, event) -> change(event, ReferralEvents.referralId(payload), document -> {
        }));
    }

    private void received(ReferralReceivedEvent received, Applying event) {
        if (event.find(CaseSummaryDocument.class, COLLECTION, received.referralId()) == null) {
            event.save(COLLECTION, received.referralId(),
                    CaseSummaryDocument.received(received, event.at(), event.sequence()));
        }
    }

    /** Changes the case's summary if the event is newer than it; events of other aggregates change nothing. */
    private static void change(Applying event, String referralId, Consumer<CaseSummaryDocument> change) {
        CaseSummaryDocument document = referralId == null ? null
                : event.find(CaseSummaryDocument.class, COLLECTION, referralId);
        if (document == null || event.sequence() <= document.version) {
            return;
        }
        change.accept(document);
        document.changed(event.at());
        document.version = event.sequence();
        event.save(COLLECTION, referralId, document);
    }

    /**
     * Eight indexes, so that no case-list query scans the collection on a real MongoDB, each laid out by the
     * equality-sort-range rule (every filter is an equality; the sort follows; {@code _id} breaks ties, so a page is
     * read in index order in either direction):
     * <ul>
     *   <li>{@code reference_unique}: unique references, and the sort by reference (no tie to break);</li>
     *   <li>{@code S_id} for each other sort {@code S}: the list without a filter;</li>
     *   <li>{@code facets_S_id}: any filter ({@link Facets}), its page in the order of {@code S} and its total (a count
     *       needs no order, so every total is one facet's range, whatever the sort); several filters walk the range
     *       of one of them and check the others;</li>
     *   <li>{@code status_riskLevel_receivedAt_id}: the coordinators' usual pair, one range for page and total.</li>
     * </ul>
     * A filter on several facets with a sort by reference walks the reference index and checks each case. One
     * index per filter and sort (37) made every write and every rebuild pay for 37 B-trees; a write now touches
     * eight, three of them once per facet of the case.
     */
    @Override
    public void declareIndexes(CollectionSet target) {
        List<Index> indexes = new ArrayList<>();
        indexes.add(new Index().on("reference", Sort.Direction.ASC).unique().named("reference_unique"));
        for (String sort : SORT_FIELDS) {
            indexes.add(new Index().on(sort, Sort.Direction.DESC).on("_id", Sort.Direction.DESC).named(sort + "_id"));
        }
        for (String sort : SORT_FIELDS) {
            indexes.add(new Index().on("facets", Sort.Direction.ASC).on(sort, Sort.Direction.DESC)
                    .on("_id", Sort.Direction.DESC).named("facets_" + sort + "_id"));
        }
        indexes.add(new Index().on("status", Sort.Direction.ASC).on("riskLevel", Sort.Direction.ASC)
                .on("receivedAt", Sort.Direction.DESC).on("_id", Sort.Direction.DESC)
                .named("status_riskLevel_receivedAt_id"));
        IndexDeclarations.declare(mongo(), target.name(COLLECTION), indexes);
    }
}
