package org.relais.projections.caselist;

import java.util.ArrayList;
import java.util.List;

import org.relais.core.api.FindReferralsQuery;

/**
 * The case list's filters as one multikey field (MongoDB's attribute pattern): each filterable value of a case is
 * one string {@code name:value}, so a single index {@code {facets: 1, <sort>: -1, _id: -1}} serves a filter on any
 * of them, its page in sort order and its total as one index range. One index per filter and sort would take 32.
 */
final class Facets {

    private Facets() {
    }

    static List<String> of(CaseSummaryDocument document) {
        List<String> facets = new ArrayList<>();
        facets.add(status(document.status));
        if (document.riskLevel != null) {
            facets.add(risk(document.riskLevel));
        }
        if (document.categories != null) {
            document.categories.forEach(category -> facets.add(category(category)));
        }
        facets.add(channel(document.channel));
        facets.add(ageBand(document.ageBand));
        document.partnerIds.forEach(partnerId -> facets.add(partner(partnerId)));
        facets.add(overdue(document.overdue));
        facets.add(minor(document.minor));
        return facets;
    }

    /** The facets a query asks for, except status and risk when {@link #pairsStatusAndRisk} says so. */
    static List<String> of(FindReferralsQuery query) {
        List<String> facets = new ArrayList<>();
        if (!pairsStatusAndRisk(query)) {
            add(facets, query.status(), Facets::status);
            add(facets, query.riskLevel(), Facets::risk);
        }
        add(facets, query.category(), Facets::category);
        add(facets, query.channel(), Facets::channel);
        add(facets, query.ageBand(), Facets::ageBand);
        add(facets, query.partnerId(), Facets::partner);
        add(facets, query.overdue(), Facets::overdue);
        add(facets, query.minor(), Facets::minor);
        return facets;
    }

    /**
     * The coordinators' usual pair (status and risk together) is asked on the stored fields, which have their own
     * compound index: its page and total are then one range rather than one facet's range filtered by the other.
     */
    static boolean pairsStatusAndRisk(FindReferralsQuery query) {
        return query.status() != null && query.riskLevel() != null;
    }

    private static <T> void add(List<String> facets, T value, java.util.function.Function<T, String> facet) {
        if (value != null) {
            facets.add(facet.apply(value));
        }
    }

    private static String status(Object status) {
        return "status:" + status;
    }

    private static String risk(Object riskLevel) {
        return "risk:" + riskLevel;
    }

    private static String category(Object category) {
        return "category:" + category;
    }

    private static String channel(Object channel) {
        return "channel:" + channel;
    }

    private static String ageBand(Object ageBand) {
        return "age:" + ageBand;
    }

    private static String partner(String partnerId) {
        return "partner:" + partnerId;
    }

    private static String overdue(Object overdue) {
        return "overdue:" + overdue;
    }

    private static String minor(Object minor) {
        return "minor:" + minor;
    }
}
