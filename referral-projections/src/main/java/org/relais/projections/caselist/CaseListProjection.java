package org.relais.projections.caselist;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.projections.support.BatchProjection;
import org.relais.projections.support.CollectionSet;
import org.relais.projections.support.DocumentBatch;
import org.relais.projections.support.Events;
import org.relais.projections.support.IndexDeclarations;
import org.relais.projections.support.LiveBatches;
import org.relais.projections.support.ProjectionGenerations;
import org.relais.projections.support.ReferralEvents;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Keeps the case list: one document per referral, without personal data. An event at or below the document's
 * version is skipped, so a redelivered or replayed event changes nothing twice.
 */
@Component
@ProcessingGroup(CaseListProjection.PROCESSING_GROUP)
class CaseListProjection implements BatchProjection {

    static final String PROCESSING_GROUP = "case-list";

    /** The sorts of the case list that break ties on {@code _id}, by stored field ("riskLevel" sorts on riskRank). */
    static final List<String> SORT_FIELDS = List.of("receivedAt", "updatedAt", "riskRank");

    private final MongoTemplate mongo;
    private final ProjectionGenerations generations;
    private final LiveBatches live;

    CaseListProjection(MongoTemplate mongo, ProjectionGenerations generations, LiveBatches live) {
        this.mongo = mongo;
        this.generations = generations;
        this.live = live;
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
        return List.of(CaseSummaryDocument.COLLECTION);
    }

    @Override
    public void apply(List<? extends EventMessage<?>> events, CollectionSet target) {
        String collection = target.name(CaseSummaryDocument.COLLECTION);
        DocumentBatch batch = new DocumentBatch(mongo);
        batch.prefetch(CaseSummaryDocument.class, collection, events.stream()
                .map(event -> ReferralEvents.referralId(event.getPayload())).filter(id -> id != null).toList(),
                document -> document.id);
        for (EventMessage<?> event : events) {
            Object payload = event.getPayload();
            String referralId = ReferralEvents.referralId(payload);
            if (referralId == null) {
                continue;
            }
            long sequence = Events.sequence(event);
            CaseSummaryDocument document = batch.find(CaseSummaryDocument.class, collection, referralId);
            if (payload instanceof ReferralReceivedEvent received) {
                if (document != null) {
                    continue;
                }
                document = CaseSummaryDocument.received(received, event.getTimestamp(), sequence);
            } else if (document == null || sequence <= document.version
                    || !document.apply(payload, event.getTimestamp())) {
                continue;
            } else {
                document.version = sequence;
            }
            batch.save(collection, referralId, document);
        }
        batch.flush();
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
        IndexDeclarations.declare(mongo, target.name(CaseSummaryDocument.COLLECTION), indexes);
    }

    @ResetHandler
    void reset() {
        generations.resetActive(this);
    }
}
