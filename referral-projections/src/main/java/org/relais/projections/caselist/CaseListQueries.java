package org.relais.projections.caselist;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.axonframework.queryhandling.QueryHandler;
import org.relais.core.api.query.CountOpenOverdueTransfersQuery;
import org.relais.core.api.query.FindReferralByReferenceQuery;
import org.relais.core.api.query.FindReferralsByIdQuery;
import org.relais.core.api.query.FindReferralsQuery;
import org.relais.core.api.query.ReferralPageView;
import org.relais.core.api.query.ReferralSummaryView;
import org.relais.projections.support.ProjectionGenerations;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Answers case-list queries from the indexes declared in {@link CaseListProjection#declareIndexes}. */
@Component
class CaseListQueries {

    private final MongoTemplate mongo;
    private final ProjectionGenerations generations;

    CaseListQueries(MongoTemplate mongo, ProjectionGenerations generations) {
        this.mongo = mongo;
        this.generations = generations;
    }

    @QueryHandler
    ReferralPageView handle(FindReferralsQuery query) {
        List<Criteria> criteria = new ArrayList<>();
        if (Facets.pairsStatusAndRisk(query)) {
            criteria.add(where("status").is(query.status()));
            criteria.add(where("riskLevel").is(query.riskLevel()));
        }
        List<String> facets = Facets.of(query);
        if (facets.size() == 1) {
            criteria.add(where("facets").is(facets.get(0)));
        } else if (!facets.isEmpty()) {
            criteria.add(where("facets").all(facets));
        }
        between(criteria, "receivedAt", query.receivedFrom(), query.receivedTo());
        between(criteria, "updatedAt", query.updatedFrom(), query.updatedTo());
        Query filter = criteria.isEmpty() ? new Query() : new Query(new Criteria().andOperator(criteria));
        String collection = generations.active(CaseListProjection.PROCESSING_GROUP)
                .name(CaseSummaryDocument.COLLECTION);
        long total = mongo.count(filter, collection);
        Query page = Query.of(filter).with(sort(query.sort()))
                .skip((long) query.page() * query.size())
                .limit(query.size());
        return new ReferralPageView(mongo.find(page, CaseSummaryDocument.class, collection).stream()
                .map(CaseSummaryDocument::toView).toList(), total, query.page(), query.size());
    }

    /** The case with this reference, by the unique index on references. */
    @QueryHandler
    ReferralPageView handle(FindReferralByReferenceQuery query) {
        List<ReferralSummaryView> found = mongo.find(new Query(where("reference").is(query.reference())),
                CaseSummaryDocument.class, collection()).stream().map(CaseSummaryDocument::toView).toList();
        return new ReferralPageView(found, found.size(), 0, Math.max(1, found.size()));
    }

    /** The given cases, by {@code _id}, in the order given. */
    @QueryHandler
    ReferralPageView handle(FindReferralsByIdQuery query) {
        if (query.referralIds().isEmpty()) {
            return new ReferralPageView(List.of(), 0, 0, 1);
        }
        Map<String, ReferralSummaryView> byId = new HashMap<>();
        mongo.find(new Query(where("_id").in(query.referralIds())), CaseSummaryDocument.class, collection())
                .forEach(document -> byId.put(document.id, document.toView()));
        List<ReferralSummaryView> found = query.referralIds().stream().distinct().map(byId::get)
                .filter(Objects::nonNull).toList();
        return new ReferralPageView(found, found.size(), 0, Math.max(1, found.size()));
    }

    /** Over the cases flagged overdue (by their indexed facet), the transfers of each still flagged. */
    @QueryHandler
    Long handle(CountOpenOverdueTransfersQuery query) {
        Query overdue = new Query(where("facets").is(Facets.OVERDUE_TRUE));
        overdue.fields().include("transfers");
        return mongo.find(overdue, CaseSummaryDocument.class, collection()).stream()
                .mapToLong(document -> document.transfers.stream().filter(line -> line.overdue).count()).sum();
    }

    private String collection() {
        return generations.active(CaseListProjection.PROCESSING_GROUP).name(CaseSummaryDocument.COLLECTION);
    }

    /**
     * A range on one of the stored instants, as one condition with both ends: on the sort field it bounds the walk
     * of the sort's index ({@code S_id}, or {@code facets_S_id} after a facet), by the equality-sort-range rule; on
     * the other field it is checked on each case of that walk.
     */
    private static void between(List<Criteria> criteria, String field, Instant from, Instant to) {
        if (from == null && to == null) {
            return;
        }
        Criteria range = where(field);
        if (from != null) {
            range = range.gte(from);
        }
        if (to != null) {
            range = range.lt(to);
        }
        criteria.add(range);
    }

    static Sort sort(String sort) {
        String value = sort == null || sort.isBlank() ? "-receivedAt" : sort;
        boolean descending = value.startsWith("-");
        String field = descending ? value.substring(1) : value;
        if (!FindReferralsQuery.SORT_FIELDS.contains(field)) {
            throw new IllegalArgumentException("unsupported sort");
        }
        Sort.Direction direction = descending ? Sort.Direction.DESC : Sort.Direction.ASC;
        if ("reference".equals(field)) {
            // references are unique: no tie to break, and the unique index alone gives the order
            return Sort.by(direction, field);
        }
        return Sort.by(direction, "riskLevel".equals(field) ? "riskRank" : field).and(Sort.by(direction, "_id"));
    }
}
