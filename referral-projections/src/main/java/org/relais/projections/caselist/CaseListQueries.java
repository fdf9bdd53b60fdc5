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
        if (query.status() != null) {
            criteria.add(where("status").is(query.status()));
        }
        if (query.riskLevel() != null) {
            criteria.add(where("riskLevel").is(query.riskLevel()));
        }
        if (query.category() != null) {
            criteria.add(where("categories").is(query.category()));
        }
        if (query.channel() != null) {
            criteria.add(where("channel").is(query.channel()));
        }
        if (query.ageBand() != null) {
            criteria.add(where("ageBand").is(query.ageBand()));
        }
        if (query.partnerId() != null) {
            criteria.add(where("partnerIds").is(query.partnerId()));
        }
        if (query.overdue() != null) {
            criteria.add(where("overdue").is(query.overdue()));
        }
        if (query.minor() != null) {
            criteria.add(where("minor").is(query.minor()));
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
        return Sort.by(direction, "riskLevel".equals(field) ? "riskRank" : field).and(Sort.by(direction, "_id"));
    }
}
