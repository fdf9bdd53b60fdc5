package org.relais.projections.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;

/**
 * The figures that are a snapshot of now rather than of a period (open cases by status and risk), in one document so
 * that all the changes of a batch land in one atomic write. {@code countedEvents} holds the identifiers of the last
 * events counted (a bounded window, larger than any batch that can be redelivered): see {@link DashboardProjection}
 * for why this makes counting exactly-once.
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
}
