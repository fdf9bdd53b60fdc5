package org.relais.projections.flaggernotices;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.queryhandling.QueryHandler;
import org.relais.core.api.query.FindFlaggerNoticesQuery;
import org.relais.core.api.query.FlaggerNoticeView;
import org.relais.core.api.query.NoticeAnswerView;
import org.relais.core.api.referral.NoticeOutcomeRecordedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReferralTriagedEvent;
import org.relais.core.api.referral.TransferAcceptedEvent;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.api.referral.TransferState;
import org.relais.projections.support.Applying;
import org.relais.projections.support.CollectionSet;
import org.relais.projections.support.IndexDeclarations;
import org.relais.projections.support.ProjectionContext;
import org.relais.projections.support.RoutedProjection;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The content-removal notices the service sent as a trusted flagger, for the yearly transparency report: each
 * transfer for CONTENT_REMOVAL with when it was sent, acknowledged and decided, the hosting service it was addressed
 * to, the case's categories then, and the hosting service's answer to each of its notices (one per content URL, by
 * index). A notice's state only moves forward (an event whose starting state is behind it changes nothing) and a
 * notice is answered once, so a replayed event writes nothing new. The cases' categories are kept aside (by _id) for
 * the requests that follow.
 */
@Component
@ProcessingGroup(FlaggerNoticesProjection.PROCESSING_GROUP)
class FlaggerNoticesProjection extends RoutedProjection {

    static final String PROCESSING_GROUP = "flagger-notices";

    private static final Set<TransferState> OPEN = EnumSet.of(TransferState.REQUESTED, TransferState.ACKNOWLEDGED);
    private static final Set<TransferState> OPEN_OR_ACCEPTED = EnumSet.of(TransferState.REQUESTED,
            TransferState.ACKNOWLEDGED, TransferState.ACCEPTED);

    private static final String NOTICES = FlaggerNoticeDocument.COLLECTION;
    private static final String CASES = FlaggerCaseDocument.COLLECTION;

    FlaggerNoticesProjection(ProjectionContext context) {
        super(context, PROCESSING_GROUP, NOTICES, CASES);
        prefetch(FlaggerNoticeDocument.class, NOTICES, FlaggerNoticeDocument::id)
                .by(TransferRequestedEvent.class, e -> FlaggerNoticeDocument.id(e.referralId(), e.transferId()))
                .by(TransferAcknowledgedEvent.class, e -> FlaggerNoticeDocument.id(e.referralId(), e.transferId()))
                .by(TransferAcceptedEvent.class, e -> FlaggerNoticeDocument.id(e.referralId(), e.transferId()))
                .by(TransferDeclinedEvent.class, e -> FlaggerNoticeDocument.id(e.referralId(), e.transferId()))
                .by(TransferCancelledEvent.class, e -> FlaggerNoticeDocument.id(e.referralId(), e.transferId()))
                .by(TransferCompletedEvent.class, e -> FlaggerNoticeDocument.id(e.referralId(), e.transferId()))
                .by(NoticeOutcomeRecordedEvent.class, e -> FlaggerNoticeDocument.id(e.referralId(), e.transferId()));
        prefetch(FlaggerCaseDocument.class, CASES, FlaggerCaseDocument::id)
                .by(ReferralReceivedEvent.class, ReferralReceivedEvent::referralId)
                .by(ReferralTriagedEvent.class, ReferralTriagedEvent::referralId)
                .by(TransferRequestedEvent.class, TransferRequestedEvent::referralId);
        on(ReferralReceivedEvent.class, (e, event) -> event.save(CASES, e.referralId(),
                new FlaggerCaseDocument(e.referralId(), e.categories())));
        on(ReferralTriagedEvent.class, (e, event) -> event.save(CASES, e.referralId(),
                new FlaggerCaseDocument(e.referralId(), e.categories())));
        on(TransferRequestedEvent.class, this::requested);
        on(TransferAcknowledgedEvent.class, (e, event) -> advance(event, FlaggerNoticeDocument.id(e.referralId(), e.transferId()), n ->
                n.state() != TransferState.REQUESTED ? n : n.moved(TransferState.ACKNOWLEDGED, event.at(),
                        n.decidedAt(), n.decision(), n.sealedStatementOfReasons(), n.sealedDeclineReason())));
        on(TransferAcceptedEvent.class, (e, event) -> advance(event, FlaggerNoticeDocument.id(e.referralId(), e.transferId()), n ->
                n.state() != TransferState.ACKNOWLEDGED ? n : decided(n, TransferState.ACCEPTED, n.decidedAt())));
        on(TransferDeclinedEvent.class, (e, event) -> advance(event, FlaggerNoticeDocument.id(e.referralId(), e.transferId()), n ->
                !OPEN.contains(n.state()) ? n : n.moved(TransferState.DECLINED, n.acknowledgedAt(), event.at(),
                        n.decision(), n.sealedStatementOfReasons(), e.reason())));
        on(TransferCancelledEvent.class, (e, event) -> advance(event, FlaggerNoticeDocument.id(e.referralId(), e.transferId()), n ->
                !OPEN_OR_ACCEPTED.contains(n.state()) ? n : decided(n, TransferState.CANCELLED, event.at())));
        on(TransferCompletedEvent.class, (e, event) -> advance(event, FlaggerNoticeDocument.id(e.referralId(), e.transferId()), n ->
                !OPEN_OR_ACCEPTED.contains(n.state()) ? n : n.moved(TransferState.COMPLETED, n.acknowledgedAt(),
                        event.at(), e.outcome(), e.statementOfReasons(), n.sealedDeclineReason())));
        on(NoticeOutcomeRecordedEvent.class, (e, event) -> advance(event, FlaggerNoticeDocument.id(e.referralId(), e.transferId()), n ->
                n.answered(new NoticeAnswerView(e.noticeIndex(), e.outcome(), e.actedAt(), e.statementOfReasons()))));
    }

    /**
     * A removal stored before hosting services were named (revision 1) has no notice count: it counts as one notice
     * to an unknown hosting service.
     */
    private void requested(TransferRequestedEvent requested, Applying event) {
        String id = FlaggerNoticeDocument.id(requested.referralId(), requested.transferId());
        if (requested.purpose() != TransferPurpose.CONTENT_REMOVAL
                || event.find(FlaggerNoticeDocument.class, NOTICES, id) != null) {
            return;
        }
        FlaggerCaseDocument known = event.find(FlaggerCaseDocument.class, CASES, requested.referralId());
        event.save(NOTICES, id, new FlaggerNoticeDocument(id, requested.referralId(), requested.transferId(),
                requested.partnerId(), TransferState.REQUESTED, event.at(), requested.deadline(), null, null, null,
                null, requested.hostingService(), known == null ? Set.of() : known.categories(),
                requested.noticeCount() == null ? 1 : requested.noticeCount(), List.of(), null));
    }

    /** The notice after this event, written only when the event moved it forward (a content removal's only). */
    private static void advance(Applying event, String id, UnaryOperator<FlaggerNoticeDocument> next) {
        FlaggerNoticeDocument notice = event.find(FlaggerNoticeDocument.class, NOTICES, id);
        FlaggerNoticeDocument changed = notice == null ? null : next.apply(notice);
        if (changed != null && changed != notice) {
            event.save(NOTICES, id, changed);
        }
    }

    private static FlaggerNoticeDocument decided(FlaggerNoticeDocument n, TransferState state, Instant decidedAt) {
        return n.moved(state, n.acknowledgedAt(), decidedAt, n.decision(), n.sealedStatementOfReasons(),
                n.sealedDeclineReason());
    }

    /** The report reads notices by the time they were sent. */
    @Override
    public void declareIndexes(CollectionSet target) {
        IndexDeclarations.declare(mongo(), target.name(NOTICES), List.of(new Index()
                .on("sentAt", Sort.Direction.ASC).on("_id", Sort.Direction.ASC).named("sent")));
    }

    @QueryHandler
    List<FlaggerNoticeView> handle(FindFlaggerNoticesQuery query) {
        Criteria sent = where("sentAt");
        if (query.from() != null) {
            sent = sent.gte(query.from());
        }
        if (query.to() != null) {
            sent = sent.lt(query.to());
        }
        Query filter = query.from() == null && query.to() == null ? new Query() : new Query(sent);
        String collection = active().name(NOTICES);
        return mongo().find(filter.with(Sort.by("sentAt", "_id")), FlaggerNoticeDocument.class, collection).stream()
                .map(FlaggerNoticeDocument::toView).toList();
    }
}
