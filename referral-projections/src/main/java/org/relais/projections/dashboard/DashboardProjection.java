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
import java.util.function.Consumer;

import org.axonframework.config.ProcessingGroup;
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
import org.relais.projections.support.Applying;
import org.relais.projections.support.CollectionSet;
import org.relais.projections.support.IndexDeclarations;
import org.relais.projections.support.ProjectionContext;
import org.relais.projections.support.ReferralEvents;
import org.relais.projections.support.RoutedProjection;
import org.springframework.data.domain.Sort;
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
class DashboardProjection extends RoutedProjection {

    static final String PROCESSING_GROUP = "dashboard";

    private static final String FIGURES = DashboardFiguresDocument.COLLECTION;
    private static final String CASES = DashboardCaseDocument.COLLECTION;
    private static final String PARTNERS = PartnerHoursDocument.COLLECTION;

    private final QueryUpdateEmitter updates;
    private final Clock clock;
    private final ZoneId zone;
    private volatile CachedView lastRead;

    DashboardProjection(ProjectionContext context, QueryUpdateEmitter updates, Clock clock) {
        super(context, PROCESSING_GROUP, FIGURES, CASES, PARTNERS);
        this.updates = updates;
        this.clock = clock;
        this.zone = clock.getZone();
        prefetch(DashboardCaseDocument.class, CASES, document -> document.id).byAny(ReferralEvents::referralId);
        on(AgreementSignedEvent.class, (e, event) -> hours(event, e.partnerId(), e.terms()));
        on(AgreementAmendedEvent.class, (e, event) -> hours(event, e.partnerId(), e.terms()));
        on(ReferralReceivedEvent.class, this::received);
        on(ReferralTriagedEvent.class, (e, event) -> change(event, e.referralId(), theCase -> {
            theCase.triaged = true;
            theCase.riskLevel = e.riskLevel();
            theCase.minor = e.ageBand().isMinor();
        }));
        on(TransferRequestedEvent.class, (e, event) -> change(event, e.referralId(), theCase -> {
            PartnerHoursDocument partner = event.find(PartnerHoursDocument.class, PARTNERS, e.partnerId());
            requested(theCase, e, event.at(), partner == null ? null : partner.hours);
        }));
        on(TransferAcknowledgedEvent.class, (e, event) -> change(event, e.referralId(), theCase -> {
            DashboardCaseDocument.Transfer transfer = theCase.transfer(e.transferId());
            transfer.state = TransferState.ACKNOWLEDGED;
            acknowledged(transfer, e.wasOverdue(), event.at());
        }));
        on(TransferAcceptedEvent.class, (e, event) -> change(event, e.referralId(),
                theCase -> theCase.transfer(e.transferId()).state = TransferState.ACCEPTED));
        on(TransferDeclinedEvent.class, (e, event) -> change(event, e.referralId(),
                theCase -> theCase.transfer(e.transferId()).state = TransferState.DECLINED));
        on(TransferCancelledEvent.class, (e, event) -> change(event, e.referralId(),
                theCase -> theCase.transfer(e.transferId()).state = TransferState.CANCELLED));
        on(TransferCompletedEvent.class, (e, event) -> change(event, e.referralId(), theCase -> {
            DashboardCaseDocument.Transfer transfer = theCase.transfer(e.transferId());
            transfer.state = TransferState.COMPLETED;
            if (transfer.purpose == TransferPurpose.CONTENT_REMOVAL && e.outcome() == TransferOutcome.CONTENT_REMOVED) {
                transfer.contentRemovedAt = event.at();
                transfer.contentRemovalMillis = Duration.between(transfer.requestedAt, event.at()).toMillis();
            }
        }));
        on(TransferAcknowledgementOverdueEvent.class, (e, event) -> change(event, e.referralId(), theCase -> {
            DashboardCaseDocument.Transfer transfer = theCase.transfer(e.transferId());
            if (transfer.breachedAt == null) {
                transfer.breachedAt = e.deadline() != null ? e.deadline() : event.at();
            }
        }));
        on(ReferralClosedEvent.class, (e, event) -> change(event, e.referralId(), theCase -> {
            theCase.closed = true;
            DashboardCaseDocument.Closure closure = new DashboardCaseDocument.Closure();
            closure.at = event.at();
            closure.outcome = e.outcome().name();
            theCase.closures.add(closure);
        }));
        on(ReferralReopenedEvent.class, (e, event) -> change(event, e.referralId(), theCase -> theCase.closed = false));
        onAnyOther((payload, event) -> {
            String referralId = ReferralEvents.referralId(payload);
            if (referralId != null) {
                change(event, referralId, theCase -> {
                });
            }
        });
    }

    /**
     * The figures document of the batch's generation, read once per batch, with the events it already counted; what
     * the batch changed is written back when it ends ({@link #finish}).
     */
    private static final class Tally {
        final DashboardFiguresDocument figures;
        final Set<String> counted;
        boolean changed;

        Tally(DashboardFiguresDocument figures) {
            this.figures = figures;
            this.counted = new HashSet<>(figures.countedEvents);
        }

        /** Where this event's counts go: the figures, or a throwaway copy if they counted it already. */
        DashboardFiguresDocument counts(String eventId) {
            return counted.contains(eventId) ? new DashboardFiguresDocument() : figures;
        }

        /** The case document took the event: the figures list it, once. */
        void applied(String eventId) {
            changed = true;
            if (counted.add(eventId)) {
                figures.countedEvents.add(eventId);
                figures.revision++;
            }
        }
    }

    private Tally tally(Applying event) {
        return event.batch().local(Tally.class,
                () -> new Tally(figures(event.batch().collection(FIGURES))));
    }

    private void hours(Applying event, String partnerId, AgreementTerms terms) {
        PartnerHoursDocument partner = new PartnerHoursDocument();
        partner.id = partnerId;
        partner.hours = PartnerHoursDocument.Hours.of(terms == null ? null : terms.serviceHours());
        event.save(PARTNERS, partnerId, partner);
        tally(event).changed = true;
    }

    private void received(ReferralReceivedEvent received, Applying event) {
        Tally tally = tally(event);
        if (event.find(DashboardCaseDocument.class, CASES, received.referralId()) != null) {
            return;
        }
        DashboardCaseDocument theCase = received(tally.counts(event.id()), received, event.at());
        theCase.version = event.sequence();
        event.save(CASES, theCase.id, theCase);
        tally.applied(event.id());
    }

    /**
     * Applies an event of a case newer than its document: {@code change} changes the case, then its status and the
     * open-cases cell it counts in follow.
     */
    private void change(Applying event, String referralId, Consumer<DashboardCaseDocument> change) {
        Tally tally = tally(event);
        DashboardCaseDocument theCase = event.find(DashboardCaseDocument.class, CASES, referralId);
        if (theCase == null || event.sequence() <= theCase.version) {
            return;
        }
        DashboardFiguresDocument figures = tally.counts(event.id());
        String cellBefore = openCell(theCase);
        change.accept(theCase);
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
        theCase.version = event.sequence();
        event.save(CASES, referralId, theCase);
        tally.applied(event.id());
    }

    /** Writes the figures before the cases, as one replacement of their document with a new stamp. */
    @Override
    protected void finish(Applying.Batch batch) {
        Tally tally = batch.localIfMade(Tally.class);
        if (tally == null || !tally.changed) {
            return;
        }
        DashboardFiguresDocument figures = tally.figures;
        int excess = figures.countedEvents.size() - DashboardFiguresDocument.COUNTED_WINDOW;
        if (excess > 0) {
            figures.countedEvents = new ArrayList<>(figures.countedEvents.subList(excess,
                    figures.countedEvents.size()));
        }
        figures.stamp = UUID.randomUUID().toString();
        mongo().save(figures, batch.collection(FIGURES));
    }

    /** Once the batch is written to the generation the queries read, the open dashboards are told. */
    @Override
    protected void written(Applying.Batch batch) {
        Tally tally = batch.localIfMade(Tally.class);
        if (tally != null && tally.changed && active().equals(batch.target())) {
            updates.emit(FindDashboardQuery.class, query -> true, tally.figures.revision);
        }
    }

    private DashboardFiguresDocument figures(String collection) {
        DashboardFiguresDocument figures = mongo().findById(DashboardFiguresDocument.ID,
                DashboardFiguresDocument.class, collection);
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
        IndexDeclarations.declare(mongo(), target.name(CASES), indexes);
    }

    @Override
    public List<String> comparisonIgnores() {
        // Bookkeeping of the exactly-once counting: which events fall inside the window depends on batch
        // boundaries and on the order late-committed events were seen, not on what the figures say.
        return List.of("countedEvents", "stamp");
    }

    @Override
    public void activated(CollectionSet target) {
        updates.emit(FindDashboardQuery.class, query -> true, figures(target.name(FIGURES)).revision);
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
        CollectionSet active = active();
        String collection = active.name(FIGURES);
        Query stampOnly = Query.query(Criteria.where("_id").is(DashboardFiguresDocument.ID));
        stampOnly.fields().include("stamp");
        DashboardFiguresDocument current = mongo().findOne(stampOnly, DashboardFiguresDocument.class, collection);
        String stamp = current == null ? null : current.stamp;
        CachedView cached = lastRead;
        if (stamp != null && cached != null && cached.collection().equals(collection)
                && stamp.equals(cached.stamp()) && cached.view().from().equals(from)
                && cached.view().to().equals(to)) {
            return cached.view();
        }
        DashboardFiguresDocument figures = figures(collection);
        DashboardView view = new PeriodFigures(mongo(), active.name(CASES), zone, from, to)
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
}
