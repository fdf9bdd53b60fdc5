package org.relais.projections.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.relais.core.api.Category;
import org.relais.core.api.Channel;
import org.relais.core.api.ClosureOutcome;
import org.relais.core.api.DailyIntakeView;
import org.relais.core.api.DashboardView;
import org.relais.core.api.FindDashboardQuery;
import org.relais.core.api.OpenCasesView;
import org.relais.core.api.PartnerKpiView;
import org.relais.core.api.ReferralClosedEvent;
import org.relais.core.api.ReferralReceivedEvent;
import org.relais.core.api.ReferralReopenedEvent;
import org.relais.core.api.ReferralStatus;
import org.relais.core.api.ReferralTriagedEvent;
import org.relais.core.api.RiskLevel;
import org.relais.core.api.TransferAcceptedEvent;
import org.relais.core.api.TransferAcknowledgedEvent;
import org.relais.core.api.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.TransferCancelledEvent;
import org.relais.core.api.TransferCompletedEvent;
import org.relais.core.api.TransferDeclinedEvent;
import org.relais.core.api.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.TransferRequestedEvent;
import org.relais.core.api.TransferState;
import org.relais.projections.support.BatchProjection;
import org.relais.projections.support.CollectionSet;
import org.relais.projections.support.DocumentBatch;
import org.relais.projections.support.Events;
import org.relais.projections.support.LiveBatches;
import org.relais.projections.support.ProjectionGenerations;
import org.relais.projections.support.ReferralEvents;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The dashboard's figures, changed as events arrive and never recomputed by a scan.
 *
 * <p>Each case has a small state document ({@code dashboard_cases}, guarded by the event's sequence number) from
 * which an event's effect on the figures is derived: a status change moves one open case between two
 * status/risk cells, an acknowledgement adds request-to-acknowledgement time to the partner's histogram, and so on.
 * All figures live in one document ({@code dashboard_figures}), written before the case documents of the batch.
 *
 * <p>Why this counts each event exactly once without transactions: the figures document records, in the same
 * atomic write as the counts, the identifiers of the events it counted (a bounded window). A redelivered event is
 * either already reflected in its case document (skipped, counts untouched) or, if the process died between the
 * two writes, its case document is behind: the event is applied to the case again, but its counts go to a throwaway
 * copy because the figures already list it. Only one writer exists per generation (the processor group runs one
 * segment), so the figures are read, changed and replaced without a race.
 */
@Component
@ProcessingGroup(DashboardProjection.PROCESSING_GROUP)
class DashboardProjection implements BatchProjection {

    static final String PROCESSING_GROUP = "dashboard";

    private final MongoTemplate mongo;
    private final ProjectionGenerations generations;
    private final LiveBatches live;
    private final QueryUpdateEmitter updates;
    private final ZoneId zone;
    private volatile CachedView lastRead;

    DashboardProjection(MongoTemplate mongo, ProjectionGenerations generations, LiveBatches live,
                        QueryUpdateEmitter updates, Clock clock) {
        this.mongo = mongo;
        this.generations = generations;
        this.live = live;
        this.updates = updates;
        this.zone = clock.getZone();
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
        return List.of(DashboardFiguresDocument.COLLECTION, DashboardCaseDocument.COLLECTION);
    }

    @Override
    public void apply(List<? extends EventMessage<?>> events, CollectionSet target) {
        String casesCollection = target.name(DashboardCaseDocument.COLLECTION);
        String figuresCollection = target.name(DashboardFiguresDocument.COLLECTION);
        DashboardFiguresDocument figures = figures(figuresCollection);
        Set<String> counted = new HashSet<>(figures.countedEvents);
        DocumentBatch batch = new DocumentBatch(mongo);
        batch.prefetch(DashboardCaseDocument.class, casesCollection, events.stream()
                .map(event -> ReferralEvents.referralId(event.getPayload())).filter(id -> id != null).toList(),
                document -> document.id);
        boolean changed = false;
        for (EventMessage<?> event : events) {
            Object payload = event.getPayload();
            String referralId = ReferralEvents.referralId(payload);
            if (referralId == null) {
                continue;
            }
            long sequence = Events.sequence(event);
            boolean count = !counted.contains(event.getIdentifier());
            DashboardFiguresDocument counts = count ? figures : new DashboardFiguresDocument();
            DashboardCaseDocument theCase = batch.find(DashboardCaseDocument.class, casesCollection, referralId);
            if (payload instanceof ReferralReceivedEvent received) {
                if (theCase != null) {
                    continue;
                }
                theCase = received(counts, received, event.getTimestamp());
            } else if (theCase == null || sequence <= theCase.version) {
                continue;
            } else {
                apply(counts, theCase, payload, event.getTimestamp());
            }
            theCase.version = sequence;
            batch.save(casesCollection, referralId, theCase);
            changed = true;
            if (count) {
                counted.add(event.getIdentifier());
                figures.countedEvents.add(event.getIdentifier());
                figures.revision++;
            }
        }
        if (!changed) {
            return;
        }
        int excess = figures.countedEvents.size() - DashboardFiguresDocument.COUNTED_WINDOW;
        if (excess > 0) {
            figures.countedEvents = new ArrayList<>(figures.countedEvents.subList(excess,
                    figures.countedEvents.size()));
        }
        figures.partners.sort(Comparator.comparing(partner -> partner.partnerId));
        figures.stamp = UUID.randomUUID().toString();
        mongo.save(figures, figuresCollection);
        batch.flush();
        if (generations.active(PROCESSING_GROUP).equals(target)) {
            updates.emit(FindDashboardQuery.class, query -> true, toView(figures));
        }
    }

    private DashboardFiguresDocument figures(String collection) {
        DashboardFiguresDocument figures = mongo.findById(DashboardFiguresDocument.ID, DashboardFiguresDocument.class,
                collection);
        return figures == null ? new DashboardFiguresDocument() : figures;
    }

    private DashboardCaseDocument received(DashboardFiguresDocument figures, ReferralReceivedEvent event, Instant at) {
        DashboardCaseDocument theCase = new DashboardCaseDocument();
        theCase.id = event.referralId();
        theCase.status = ReferralStatus.RECEIVED;
        theCase.minor = event.ageBand().isMinor();
        figures.cases++;
        if (theCase.minor) {
            figures.minors++;
        }
        DashboardFiguresDocument.DayIntake day = figures.intakePerDay.computeIfAbsent(
                LocalDate.ofInstant(at, zone).toString(), key -> new DashboardFiguresDocument.DayIntake());
        day.total++;
        day.byChannel.merge(event.channel().name(), 1L, Long::sum);
        event.categories().forEach(category -> day.byCategory.merge(category.name(), 1L, Long::sum));
        figures.openCases.merge(openCell(theCase), 1L, Long::sum);
        return theCase;
    }

    private static void apply(DashboardFiguresDocument figures, DashboardCaseDocument theCase, Object payload,
                              Instant at) {
        String cellBefore = openCell(theCase);
        boolean minorBefore = theCase.minor;
        if (payload instanceof ReferralTriagedEvent e) {
            theCase.triaged = true;
            theCase.riskLevel = e.riskLevel();
            theCase.minor = e.ageBand().isMinor();
        } else if (payload instanceof TransferRequestedEvent e) {
            DashboardCaseDocument.Transfer transfer = new DashboardCaseDocument.Transfer();
            transfer.transferId = e.transferId();
            transfer.partnerId = e.partnerId();
            transfer.purpose = e.purpose();
            transfer.state = TransferState.REQUESTED;
            transfer.requestedAt = at;
            theCase.transfers.add(transfer);
        } else if (payload instanceof TransferAcknowledgedEvent e) {
            DashboardCaseDocument.Transfer transfer = theCase.transfer(e.transferId());
            transfer.state = TransferState.ACKNOWLEDGED;
            Histogram.add(figures.partner(e.partnerId()).timeToAcknowledge,
                    Duration.between(transfer.requestedAt, at).toMillis());
        } else if (payload instanceof TransferAcceptedEvent e) {
            theCase.transfer(e.transferId()).state = TransferState.ACCEPTED;
        } else if (payload instanceof TransferDeclinedEvent e) {
            theCase.transfer(e.transferId()).state = TransferState.DECLINED;
        } else if (payload instanceof TransferCancelledEvent e) {
            theCase.transfer(e.transferId()).state = TransferState.CANCELLED;
        } else if (payload instanceof TransferCompletedEvent e) {
            DashboardCaseDocument.Transfer transfer = theCase.transfer(e.transferId());
            transfer.state = TransferState.COMPLETED;
            if (transfer.purpose == TransferPurpose.CONTENT_REMOVAL && e.outcome() == TransferOutcome.CONTENT_REMOVED) {
                Histogram.add(figures.contentRemoval, Duration.between(transfer.requestedAt, at).toMillis());
            }
        } else if (payload instanceof TransferAcknowledgementOverdueEvent e) {
            figures.partner(e.partnerId()).slaBreaches++;
        } else if (payload instanceof ReferralClosedEvent e) {
            theCase.closed = true;
            figures.closuresByOutcome.merge(e.outcome().name(), 1L, Long::sum);
        } else if (payload instanceof ReferralReopenedEvent) {
            theCase.closed = false;
        }
        theCase.status = ReferralEvents.status(theCase.closed, theCase.triaged,
                theCase.transfers.stream().map(transfer -> transfer.state).toList());
        String cellAfter = openCell(theCase);
        if (!Objects.equals(cellBefore, cellAfter)) {
            if (cellBefore != null && figures.openCases.merge(cellBefore, -1L, Long::sum) == 0) {
                figures.openCases.remove(cellBefore);
            }
            if (cellAfter != null) {
                figures.openCases.merge(cellAfter, 1L, Long::sum);
            }
        }
        if (minorBefore != theCase.minor) {
            figures.minors += theCase.minor ? 1 : -1;
        }
    }

    /** The status/risk cell an open case counts in; null once closed. */
    private static String openCell(DashboardCaseDocument theCase) {
        return theCase.closed ? null
                : theCase.status + "/" + (theCase.riskLevel == null ? "NONE" : theCase.riskLevel.name());
    }

    /** The figures document is read by id; the case documents by id in batches. Nothing else to index. */
    @Override
    public void declareIndexes(CollectionSet target) {
    }

    @Override
    public List<String> comparisonIgnores() {
        // Bookkeeping of the exactly-once counting: which events fall inside the window depends on batch
        // boundaries and on the order late-committed events were seen, not on what the figures say.
        return List.of("countedEvents", "stamp");
    }

    @Override
    public void activated(CollectionSet target) {
        updates.emit(FindDashboardQuery.class, query -> true,
                toView(figures(target.name(DashboardFiguresDocument.COLLECTION))));
    }

    /**
     * The figures document is large (two years of daily intake), and reading and mapping it was most of a dashboard
     * request: the view of the last one read is kept with the document's stamp, and handed out again while a read
     * of the stamp alone says the document has not been written since (by any instance).
     */
    @QueryHandler
    DashboardView handle(FindDashboardQuery query) {
        String collection = generations.active(PROCESSING_GROUP).name(DashboardFiguresDocument.COLLECTION);
        Query stampOnly = Query.query(Criteria.where("_id").is(DashboardFiguresDocument.ID));
        stampOnly.fields().include("stamp");
        DashboardFiguresDocument current = mongo.findOne(stampOnly, DashboardFiguresDocument.class, collection);
        String stamp = current == null ? null : current.stamp;
        CachedView cached = lastRead;
        if (stamp != null && cached != null && cached.collection().equals(collection)
                && stamp.equals(cached.stamp())) {
            return cached.view();
        }
        DashboardFiguresDocument figures = figures(collection);
        DashboardView view = toView(figures);
        lastRead = figures.stamp == null ? null : new CachedView(collection, figures.stamp, view);
        return view;
    }

    private record CachedView(String collection, String stamp, DashboardView view) {
    }

    static DashboardView toView(DashboardFiguresDocument figures) {
        List<OpenCasesView> open = figures.openCases.entrySet().stream().map(cell -> {
            String[] parts = cell.getKey().split("/");
            return new OpenCasesView(ReferralStatus.valueOf(parts[0]),
                    "NONE".equals(parts[1]) ? null : RiskLevel.valueOf(parts[1]), cell.getValue());
        }).sorted(Comparator.comparing(OpenCasesView::status)
                .thenComparing(view -> view.riskLevel() == null ? RiskLevel.values().length
                        : view.riskLevel().ordinal())).toList();
        List<DailyIntakeView> days = figures.intakePerDay.entrySet().stream().map(day -> {
            Map<Channel, Long> channels = new EnumMap<>(Channel.class);
            day.getValue().byChannel.forEach((channel, count) -> channels.put(Channel.valueOf(channel), count));
            Map<Category, Long> categories = new EnumMap<>(Category.class);
            day.getValue().byCategory.forEach((category, count) -> categories.put(Category.valueOf(category), count));
            return new DailyIntakeView(LocalDate.parse(day.getKey()), day.getValue().total, channels, categories);
        }).sorted(Comparator.comparing(DailyIntakeView::day)).toList();
        List<PartnerKpiView> partners = figures.partners.stream().map(partner -> new PartnerKpiView(
                partner.partnerId, Histogram.stats(partner.timeToAcknowledge), partner.slaBreaches)).toList();
        Map<ClosureOutcome, Long> closures = new EnumMap<>(ClosureOutcome.class);
        figures.closuresByOutcome.forEach((outcome, count) -> closures.put(ClosureOutcome.valueOf(outcome), count));
        return new DashboardView(open, days, figures.cases, figures.minors,
                figures.cases == 0 ? 0 : (double) figures.minors / figures.cases, partners,
                Histogram.stats(figures.contentRemoval), closures, figures.revision);
    }

    @ResetHandler
    void reset() {
        generations.resetActive(this);
    }
}
