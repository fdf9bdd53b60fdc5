package org.relais.projections.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.relais.core.api.partner.AgreementAmendedEvent;
import org.relais.core.api.partner.AgreementSignedEvent;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.query.DashboardView;
import org.relais.core.api.query.FindDashboardQuery;
import org.relais.core.api.query.OpenCasesView;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.referral.ReferralTriagedEvent;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.referral.TransferAcceptedEvent;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.api.referral.TransferState;
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
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The dashboard's read model: one document per case with the instants that place it in a period
 * ({@code dashboard_cases}, guarded by the event's sequence number and indexed on those instants), the partners'
 * service hours as the agreement events set them ({@code dashboard_partners}), and the open-cases snapshot
 * ({@code dashboard_figures}). A period's figures are computed at query time by {@link PeriodFigures} from the cases
 * the indexes find for it, so that a case counts once whatever the number of its events.
 *
 * <p>Why the open-cases snapshot counts each event exactly once without transactions: the figures document records,
 * in the same atomic write as the counts, the identifiers of the events it counted (a bounded window). A redelivered
 * event is either already reflected in its case document (skipped, counts untouched) or, if the process died between
 * the two writes, its case document is behind: the event is applied to the case again, but its counts go to a
 * throwaway copy because the figures already list it. Only one writer exists per generation (the processor group runs
 * one segment), so the figures are read, changed and replaced without a race. The case documents themselves are
 * replaced whole from their previous state, so applying an event twice changes nothing.
 */
@Component
@ProcessingGroup(DashboardProjection.PROCESSING_GROUP)
class DashboardProjection implements BatchProjection {

    static final String PROCESSING_GROUP = "dashboard";

    private final MongoTemplate mongo;
    private final ProjectionGenerations generations;
    private final LiveBatches live;
    private final QueryUpdateEmitter updates;
    private final Clock clock;
    private final ZoneId zone;
    private volatile CachedView lastRead;

    DashboardProjection(MongoTemplate mongo, ProjectionGenerations generations, LiveBatches live,
                        QueryUpdateEmitter updates, Clock clock) {
        this.mongo = mongo;
        this.generations = generations;
        this.live = live;
        this.updates = updates;
        this.clock = clock;
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
        return List.of(DashboardFiguresDocument.COLLECTION, DashboardCaseDocument.COLLECTION,
                PartnerHoursDocument.COLLECTION);
    }

    @Override
    public void apply(List<? extends EventMessage<?>> events, CollectionSet target) {
        String casesCollection = target.name(DashboardCaseDocument.COLLECTION);
        String figuresCollection = target.name(DashboardFiguresDocument.COLLECTION);
        String partnersCollection = target.name(PartnerHoursDocument.COLLECTION);
        DashboardFiguresDocument figures = figures(figuresCollection);
        Set<String> counted = new HashSet<>(figures.countedEvents);
        DocumentBatch batch = new DocumentBatch(mongo);
        batch.prefetch(DashboardCaseDocument.class, casesCollection, events.stream()
                .map(event -> ReferralEvents.referralId(event.getPayload())).filter(id -> id != null).toList(),
                document -> document.id);
        boolean changed = false;
        for (EventMessage<?> event : events) {
            Object payload = event.getPayload();
            if (payload instanceof AgreementSignedEvent signed) {
                changed |= hours(batch, partnersCollection, signed.partnerId(), signed.terms());
                continue;
            } else if (payload instanceof AgreementAmendedEvent amended) {
                changed |= hours(batch, partnersCollection, amended.partnerId(), amended.terms());
                continue;
            }
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
                if (payload instanceof TransferRequestedEvent requested) {
                    PartnerHoursDocument partner = batch.find(PartnerHoursDocument.class, partnersCollection,
                            requested.partnerId());
                    requested(theCase, requested, event.getTimestamp(), partner == null ? null : partner.hours);
                }
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
        figures.stamp = UUID.randomUUID().toString();
        mongo.save(figures, figuresCollection);
        batch.flush();
        if (generations.active(PROCESSING_GROUP).equals(target)) {
            updates.emit(FindDashboardQuery.class, query -> true, figures.revision);
        }
    }

    private static boolean hours(DocumentBatch batch, String collection, String partnerId, AgreementTerms terms) {
        PartnerHoursDocument partner = new PartnerHoursDocument();
        partner.id = partnerId;
        partner.hours = PartnerHoursDocument.Hours.of(terms == null ? null : terms.serviceHours());
        batch.save(collection, partnerId, partner);
        return true;
    }

    private DashboardFiguresDocument figures(String collection) {
        DashboardFiguresDocument figures = mongo.findById(DashboardFiguresDocument.ID, DashboardFiguresDocument.class,
                collection);
        return figures == null ? new DashboardFiguresDocument() : figures;
    }

    private static DashboardCaseDocument received(DashboardFiguresDocument figures, ReferralReceivedEvent event,
                                                  Instant at) {
        DashboardCaseDocument theCase = new DashboardCaseDocument();
        theCase.id = event.referralId();
        theCase.status = ReferralStatus.RECEIVED;
        theCase.minor = event.ageBand().isMinor();
        theCase.receivedAt = at;
        theCase.channel = event.channel().name();
        theCase.categories = event.categories().stream().map(Enum::name).sorted().toList();
        figures.openCases.merge(openCell(theCase), 1L, Long::sum);
        return theCase;
    }

    private static void requested(DashboardCaseDocument theCase, TransferRequestedEvent e, Instant at,
                                  PartnerHoursDocument.Hours hours) {
        DashboardCaseDocument.Transfer transfer = new DashboardCaseDocument.Transfer();
        transfer.transferId = e.transferId();
        transfer.partnerId = e.partnerId();
        transfer.purpose = e.purpose();
        transfer.state = TransferState.REQUESTED;
        transfer.requestedAt = at;
        transfer.deadline = e.deadline();
        transfer.hours = hours;
        theCase.transfers.add(transfer);
    }

    private static void apply(DashboardFiguresDocument figures, DashboardCaseDocument theCase, Object payload,
                              Instant at) {
        String cellBefore = openCell(theCase);
        if (payload instanceof ReferralTriagedEvent e) {
            theCase.triaged = true;
            theCase.riskLevel = e.riskLevel();
            theCase.minor = e.ageBand().isMinor();
        } else if (payload instanceof TransferAcknowledgedEvent e) {
            DashboardCaseDocument.Transfer transfer = theCase.transfer(e.transferId());
            transfer.state = TransferState.ACKNOWLEDGED;
            acknowledged(transfer, e.wasOverdue(), at);
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
                transfer.contentRemovedAt = at;
                transfer.contentRemovalMillis = Duration.between(transfer.requestedAt, at).toMillis();
            }
        } else if (payload instanceof TransferAcknowledgementOverdueEvent e) {
            DashboardCaseDocument.Transfer transfer = theCase.transfer(e.transferId());
            if (transfer.breachedAt == null) {
                transfer.breachedAt = e.deadline() != null ? e.deadline() : at;
            }
        } else if (payload instanceof ReferralClosedEvent e) {
            theCase.closed = true;
            DashboardCaseDocument.Closure closure = new DashboardCaseDocument.Closure();
            closure.at = at;
            closure.outcome = e.outcome().name();
            theCase.closures.add(closure);
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
    }

    /**
     * Measures the acknowledgement in wall-clock time and in open time on the hours kept from the request (then
     * dropped: they served their purpose); a late one is a breach at its deadline, unless marked overdue already.
     */
    private static void acknowledged(DashboardCaseDocument.Transfer transfer, boolean wasOverdue, Instant at) {
        transfer.acknowledgedAt = at;
        transfer.acknowledgementMillis = Math.max(0, Duration.between(transfer.requestedAt, at).toMillis());
        transfer.acknowledgementOpenMillis = transfer.hours == null ? null
                : OpenTime.between(transfer.hours.toServiceHours(), transfer.requestedAt, at);
        transfer.hours = null;
        boolean late = wasOverdue || transfer.deadline != null && at.isAfter(transfer.deadline);
        if (late && transfer.breachedAt == null) {
            transfer.breachedAt = transfer.deadline != null ? transfer.deadline : at;
        }
    }

    /** The status/risk cell an open case counts in; null once closed. */
    private static String openCell(DashboardCaseDocument theCase) {
        return theCase.closed ? null
                : theCase.status + "/" + (theCase.riskLevel == null ? "NONE" : theCase.riskLevel.name());
    }

    /** A period is read as ranges of each instant a case can be counted by: one index each. */
    @Override
    public void declareIndexes(CollectionSet target) {
        List<Index> indexes = new ArrayList<>();
        for (String field : PeriodFigures.PERIOD_FIELDS) {
            indexes.add(new Index().on(field, Sort.Direction.ASC).named(field.replace('.', '_')));
        }
        IndexDeclarations.declare(mongo, target.name(DashboardCaseDocument.COLLECTION), indexes);
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
                figures(target.name(DashboardFiguresDocument.COLLECTION)).revision);
    }

    /**
     * A period's figures are computed from the cases of the period; the view of the last one asked is kept with the
     * figures document's stamp and handed out again, for the same period, while a read of the stamp alone says that
     * nothing has been written since (by any instance): the open dashboards all ask for the current period.
     */
    @QueryHandler
    DashboardView handle(FindDashboardQuery query) {
        LocalDate to = query.to() != null ? query.to() : LocalDate.now(clock);
        LocalDate from = query.from() != null ? query.from() : to.minusDays(PeriodFigures.DEFAULT_DAYS - 1);
        CollectionSet active = generations.active(PROCESSING_GROUP);
        String collection = active.name(DashboardFiguresDocument.COLLECTION);
        Query stampOnly = Query.query(Criteria.where("_id").is(DashboardFiguresDocument.ID));
        stampOnly.fields().include("stamp");
        DashboardFiguresDocument current = mongo.findOne(stampOnly, DashboardFiguresDocument.class, collection);
        String stamp = current == null ? null : current.stamp;
        CachedView cached = lastRead;
        if (stamp != null && cached != null && cached.collection().equals(collection)
                && stamp.equals(cached.stamp()) && cached.view().from().equals(from)
                && cached.view().to().equals(to)) {
            return cached.view();
        }
        DashboardFiguresDocument figures = figures(collection);
        DashboardView view = new PeriodFigures(mongo, active.name(DashboardCaseDocument.COLLECTION), zone, from, to)
                .view(openCases(figures), figures.revision);
        lastRead = figures.stamp == null ? null : new CachedView(collection, figures.stamp, view);
        return view;
    }

    private record CachedView(String collection, String stamp, DashboardView view) {
    }

    private static List<OpenCasesView> openCases(DashboardFiguresDocument figures) {
        return figures.openCases.entrySet().stream().map(cell -> {
            String[] parts = cell.getKey().split("/");
            return new OpenCasesView(ReferralStatus.valueOf(parts[0]),
                    "NONE".equals(parts[1]) ? null : RiskLevel.valueOf(parts[1]), cell.getValue());
        }).sorted(Comparator.comparing(OpenCasesView::status)
                .thenComparing(view -> view.riskLevel() == null ? RiskLevel.values().length
                        : view.riskLevel().ordinal())).toList();
    }

    @ResetHandler
    void reset() {
        generations.resetActive(this);
    }
}
