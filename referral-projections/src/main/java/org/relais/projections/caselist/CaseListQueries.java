package org.relais.projections.caselist;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.queryhandling.QueryHandler;
import org.relais.core.api.FindReferralsQuery;
import org.relais.core.api.ReferralPageView;
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
