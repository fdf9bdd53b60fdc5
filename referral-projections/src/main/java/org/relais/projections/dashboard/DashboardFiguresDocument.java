package org.relais.projections.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;

/**
 * Every figure of the dashboard in one document, so that all the changes of a batch land in one atomic write.
 * {@code countedEvents} holds the identifiers of the last events counted (a bounded window, larger than any batch
 * that can be redelivered): see {@link DashboardProjection} for why this makes counting exactly-once.
 */
class DashboardFiguresDocument {

    static final String COLLECTION = "dashboard_figures";
    static final String ID = "figures";
    static final int COUNTED_WINDOW = 2_000;

    @Id
    String id = ID;
    long revision;
    /** Changes with every write of the document: a reader holding the figures of this stamp holds the latest. */
    String stamp;
    List<String> countedEvents = new ArrayList<>();
    /** Open cases by "STATUS/RISK" ("NONE" before triage). */
    Map<String, Long> openCases = new LinkedHashMap<>();
    /** By day (yyyy-MM-dd in the service's time zone). */
    Map<String, DayIntake> intakePerDay = new LinkedHashMap<>();
    long cases;
    long minors;
    /** A list, not a map keyed by partner id: ids are free text and MongoDB keys may not hold dots. */
    List<PartnerFigures> partners = new ArrayList<>();
    Map<String, Long> contentRemoval = new LinkedHashMap<>();
    Map<String, Long> closuresByOutcome = new LinkedHashMap<>();

    static class DayIntake {
        long total;
        Map<String, Long> byChannel = new LinkedHashMap<>();
        Map<String, Long> byCategory = new LinkedHashMap<>();
    }

    static class PartnerFigures {
        String partnerId;
        Map<String, Long> timeToAcknowledge = new LinkedHashMap<>();
        long slaBreaches;
    }

    PartnerFigures partner(String partnerId) {
        for (PartnerFigures partner : partners) {
            if (partner.partnerId.equals(partnerId)) {
                return partner;
            }
        }
        PartnerFigures partner = new PartnerFigures();
        partner.partnerId = partnerId;
        partners.add(partner);
        return partner;
    }
}
