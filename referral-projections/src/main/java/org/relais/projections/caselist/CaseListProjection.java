package org.relais.projections.caselist;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.relais.core.api.ReferralReceivedEvent;
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
        prefetch(CaseSummaryDocument.class, COLLECTION, ReferralEvents::referralId, document -> document.id);
        on(ReferralReceivedEvent.class, this::received);
        onAnyOther(this::changed);
    }

    private void received(ReferralReceivedEvent received, Applying event) {
        if (event.find(CaseSummaryDocument.class, COLLECTION, received.referralId()) == null) {
            event.save(COLLECTION, received.referralId(),
                    CaseSummaryDocument.received(received, event.at(), event.sequence()));
        }
    }

    /** Any other event of a case newer than its summary; those of other aggregates change nothing. */
    private void changed(Object payload, Applying event) {
        String referralId = ReferralEvents.referralId(payload);
        CaseSummaryDocument document = referralId == null ? null
                : event.find(CaseSummaryDocument.class, COLLECTION, referralId);
        if (document == null || event.sequence() <= document.version || !document.apply(payload, event.at())) {
            return;
        }
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
