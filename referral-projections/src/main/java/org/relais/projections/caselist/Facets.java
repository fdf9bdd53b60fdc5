package org.relais.projections.caselist;

import java.util.ArrayList;
import java.util.List;

import org.relais.core.api.query.FindReferralsQuery;

/**
 * The case list's filters as one multikey field (MongoDB's attribute pattern): each filterable value of a case is
 * one string {@code name:value}, so a single index {@code {facets: 1, <sort>: -1, _id: -1}} serves a filter on any
 * of them, its page in sort order and its total as one index range. One index per filter and sort would take 32.
 */
final class Facets {

    private static final String STATUS = "status";
    private static final String RISK = "risk";
    private static final String CATEGORY = "category";
    private static final String CHANNEL = "channel";
    private static final String AGE = "age";
    private static final String PARTNER = "partner";
    private static final String OVERDUE = "overdue";
    /** The facet of a case with a transfer past its deadline and still not acknowledged. */
    static final String OVERDUE_TRUE = OVERDUE + ":" + true;
    private static final String MINOR = "minor";
    private static final String ASSIGNEE = "assignee";
    private static final String UNASSIGNED = "unassigned";

    private Facets() {
    }

    static List<String> of(CaseSummaryDocument document) {
        List<String> facets = new ArrayList<>();
        add(facets, STATUS, document.status);
        add(facets, RISK, document.riskLevel);
        if (document.categories != null) {
            document.categories.forEach(category -> add(facets, CATEGORY, category));
        }
        add(facets, CHANNEL, document.channel);
        add(facets, AGE, document.ageBand);
        document.partnerIds.forEach(partnerId -> add(facets, PARTNER, partnerId));
        add(facets, OVERDUE, document.overdue);
        add(facets, MINOR, document.minor);
        add(facets, ASSIGNEE, document.assignee);
        add(facets, UNASSIGNED, document.assignee == null);
        return facets;
    }

    /** The facets a query asks for, except status and risk when {@link #pairsStatusAndRisk} says so. */
    static List<String> of(FindReferralsQuery query) {
        List<String> facets = new ArrayList<>();
        if (!pairsStatusAndRisk(query)) {
            add(facets, STATUS, query.status());
            add(facets, RISK, query.riskLevel());
        }
        add(facets, CATEGORY, query.category());
        add(facets, CHANNEL, query.channel());
        add(facets, AGE, query.ageBand());
        add(facets, PARTNER, query.partnerId());
        add(facets, OVERDUE, query.overdue());
        add(facets, MINOR, query.minor());
        add(facets, ASSIGNEE, query.assignee());
        add(facets, UNASSIGNED, query.unassigned());
        return facets;
    }

    /**
     * The coordinators' usual pair (status and risk together) is asked on the stored fields, which have their own
     * compound index: its page and total are then one range rather than one facet's range filtered by the other.
     */
    static boolean pairsStatusAndRisk(FindReferralsQuery query) {
        return query.status() != null && query.riskLevel() != null;
    }

    /** Adds {@code name:value}, unless the value is absent (a case not triaged yet has no risk). */
    private static void add(List<String> facets, String name, Object value) {
        if (value != null) {
            facets.add(name + ":" + value);
        }
    }
}
