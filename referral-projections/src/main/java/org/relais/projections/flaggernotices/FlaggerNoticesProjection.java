package org.relais.projections.flaggernotices;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.relais.core.api.Category;
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
import org.relais.projections.support.BatchProjection;
import org.relais.projections.support.CollectionSet;
import org.relais.projections.support.DocumentBatch;
import org.relais.projections.support.IndexDeclarations;
import org.relais.projections.support.LiveBatches;
import org.relais.projections.support.ProjectionGenerations;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
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
class FlaggerNoticesProjection implements BatchProjection {

    static final String PROCESSING_GROUP = "flagger-notices";

    private static final Set<TransferState> OPEN = EnumSet.of(TransferState.REQUESTED, TransferState.ACKNOWLEDGED);

    private final MongoTemplate mongo;
    private final ProjectionGenerations generations;
    private final LiveBatches live;

    FlaggerNoticesProjection(MongoTemplate mongo, ProjectionGenerations generations, LiveBatches live) {
        this.mongo = mongo;
        this.generations = generations;
        this.live = live;
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
        return List.of(FlaggerNoticeDocument.COLLECTION, FlaggerCaseDocument.COLLECTION);
    }

    @Override
    public void apply(List<? extends EventMessage<?>> events, CollectionSet target) {
        String collection = target.name(FlaggerNoticeDocument.COLLECTION);
        String cases = target.name(FlaggerCaseDocument.COLLECTION);
        DocumentBatch batch = new DocumentBatch(mongo);
        batch.prefetch(FlaggerNoticeDocument.class, collection, events.stream()
                .map(event -> noticeId(event.getPayload())).filter(id -> id != null).toList(),
                FlaggerNoticeDocument::id);
        batch.prefetch(FlaggerCaseDocument.class, cases, events.stream()
                .map(event -> caseId(event.getPayload())).filter(id -> id != null).toList(),
                FlaggerCaseDocument::id);
        for (EventMessage<?> event : events) {
            Object payload = event.getPayload();
            if (payload instanceof ReferralReceivedEvent received) {
                batch.save(cases, received.referralId(),
                        new FlaggerCaseDocument(received.referralId(), received.categories()));
                continue;
            } else if (payload instanceof ReferralTriagedEvent triaged) {
                batch.save(cases, triaged.referralId(),
                        new FlaggerCaseDocument(triaged.referralId(), triaged.categories()));
                continue;
            }
            String id = noticeId(payload);
            if (id == null) {
                continue;
            }
            FlaggerNoticeDocument notice = batch.find(FlaggerNoticeDocument.class, collection, id);
            FlaggerNoticeDocument changed;
            if (notice == null) {
                FlaggerCaseDocument known = payload instanceof TransferRequestedEvent requested
                        ? batch.find(FlaggerCaseDocument.class, cases, requested.referralId()) : null;
                changed = sent(payload, event.getTimestamp(), known == null ? Set.of() : known.categories());
            } else {
                changed = next(notice, payload, event.getTimestamp());
            }
            if (changed != null && changed != notice) {
                batch.save(collection, id, changed);
            }
        }
        batch.flush();
    }

    /**
     * A removal stored before hosting services were named (revision 1) has no notice count: it counts as one notice
     * to an unknown hosting service.
     */
    private static FlaggerNoticeDocument sent(Object payload, Instant at, Set<Category> categories) {
        if (payload instanceof TransferRequestedEvent requested
                && requested.purpose() == TransferPurpose.CONTENT_REMOVAL) {
            return new FlaggerNoticeDocument(noticeId(payload), requested.referralId(), requested.transferId(),
                    requested.partnerId(), TransferState.REQUESTED, at, requested.deadline(), null, null, null, null,
                    requested.hostingService(), categories,
                    requested.noticeCount() == null ? 1 : requested.noticeCount(), List.of(), null);
        }
        return null;
    }

    /** The notice after this event, or the same notice when the event does not move it forward. */
    private static FlaggerNoticeDocument next(FlaggerNoticeDocument n, Object payload, Instant at) {
        if (payload instanceof TransferAcknowledgedEvent && n.state() == TransferState.REQUESTED) {
            return n.moved(TransferState.ACKNOWLEDGED, at, n.decidedAt(), n.decision(), n.sealedStatementOfReasons(),
                    n.sealedDeclineReason());
        } else if (payload instanceof TransferAcceptedEvent && n.state() == TransferState.ACKNOWLEDGED) {
            return decided(n, TransferState.ACCEPTED, n.decidedAt());
        } else if (payload instanceof TransferDeclinedEvent declined && OPEN.contains(n.state())) {
            return n.moved(TransferState.DECLINED, n.acknowledgedAt(), at, n.decision(), n.sealedStatementOfReasons(),
                    declined.reason());
        } else if (payload instanceof TransferCancelledEvent
                && (OPEN.contains(n.state()) || n.state() == TransferState.ACCEPTED)) {
            return decided(n, TransferState.CANCELLED, at);
        } else if (payload instanceof TransferCompletedEvent completed
                && (OPEN.contains(n.state()) || n.state() == TransferState.ACCEPTED)) {
            return n.moved(TransferState.COMPLETED, n.acknowledgedAt(), at, completed.outcome(),
                    completed.statementOfReasons(), n.sealedDeclineReason());
        } else if (payload instanceof NoticeOutcomeRecordedEvent answered) {
            return n.answered(new NoticeAnswerView(answered.noticeIndex(), answered.outcome(), answered.actedAt(),
                    answered.statementOfReasons()));
        }
        return n;
    }

    private static FlaggerNoticeDocument decided(FlaggerNoticeDocument n, TransferState state, Instant decidedAt) {
        return n.moved(state, n.acknowledgedAt(), decidedAt, n.decision(), n.sealedStatementOfReasons(),
                n.sealedDeclineReason());
    }

    private static String caseId(Object payload) {
        if (payload instanceof ReferralReceivedEvent e) {
            return e.referralId();
        } else if (payload instanceof ReferralTriagedEvent e) {
            return e.referralId();
        } else if (payload instanceof TransferRequestedEvent e) {
            return e.referralId();
        }
        return null;
    }

    /** The notice a transfer event concerns (whether or not the transfer is a content removal). */
    private static String noticeId(Object payload) {
        if (payload instanceof TransferRequestedEvent e) {
            return FlaggerNoticeDocument.id(e.referralId(), e.transferId());
        } else if (payload instanceof TransferAcknowledgedEvent e) {
            return FlaggerNoticeDocument.id(e.referralId(), e.transferId());
        } else if (payload instanceof TransferAcceptedEvent e) {
            return FlaggerNoticeDocument.id(e.referralId(), e.transferId());
        } else if (payload instanceof TransferDeclinedEvent e) {
            return FlaggerNoticeDocument.id(e.referralId(), e.transferId());
        } else if (payload instanceof TransferCancelledEvent e) {
            return FlaggerNoticeDocument.id(e.referralId(), e.transferId());
        } else if (payload instanceof TransferCompletedEvent e) {
            return FlaggerNoticeDocument.id(e.referralId(), e.transferId());
        } else if (payload instanceof NoticeOutcomeRecordedEvent e) {
            return FlaggerNoticeDocument.id(e.referralId(), e.transferId());
        }
        return null;
    }

    /** The report reads notices by the time they were sent. */
    @Override
    public void declareIndexes(CollectionSet target) {
        IndexDeclarations.declare(mongo, target.name(FlaggerNoticeDocument.COLLECTION), List.of(new Index()
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
        String collection = generations.active(PROCESSING_GROUP).name(FlaggerNoticeDocument.COLLECTION);
        return mongo.find(filter.with(Sort.by("sentAt", "_id")), FlaggerNoticeDocument.class, collection).stream()
                .map(FlaggerNoticeDocument::toView).toList();
    }

    @ResetHandler
    void reset() {
        generations.resetActive(this);
    }
}
