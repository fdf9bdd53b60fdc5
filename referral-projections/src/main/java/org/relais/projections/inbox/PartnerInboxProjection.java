package org.relais.projections.inbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.queryhandling.QueryHandler;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.Category;
import org.relais.core.api.referral.ConsentWithdrawnEvent;
import org.relais.core.api.access.ConversationReads;
import org.relais.core.api.referral.ConversationSide;
import org.relais.core.api.referral.DeadlineRescheduledEvent;
import org.relais.core.api.query.FindPartnerInboxQuery;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.referral.NoticeOutcomeRecordedEvent;
import org.relais.core.api.query.PartnerInboxPageView;
import org.relais.core.api.access.PersonalDataAccessedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReferralTriagedEvent;
import org.relais.core.api.Role;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferAcceptedEvent;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferMessagePostedEvent;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.api.referral.TransferState;
import org.relais.projections.support.Applying;
import org.relais.projections.support.CollectionSet;
import org.relais.projections.support.IndexDeclarations;
import org.relais.projections.support.NoticeAnswers;
import org.relais.projections.support.ProjectionContext;
import org.relais.projections.support.ReferralEvents;
import org.relais.projections.support.RoutedProjection;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The transfers addressed to each partner, with the case's reference, age band, risk and categories (kept current
 * through triage) and no personal data. Both the case documents and the transfer documents carry the sequence number
 * of the last event applied to them and skip anything at or below it.
 */
@Component
@ProcessingGroup(PartnerInboxProjection.PROCESSING_GROUP)
class PartnerInboxProjection extends RoutedProjection {

    static final String PROCESSING_GROUP = "partner-inbox";

    /** Overdue first, then the nearest deadline; {@code _id} breaks ties so pages never overlap. */
    static final Sort ORDER = Sort.by(Sort.Order.desc("overdue"), Sort.Order.asc("deadline"), Sort.Order.asc("_id"));

    private static final String CASES = InboxCaseDocument.COLLECTION;
    private static final String ITEMS = InboxItemDocument.COLLECTION;

    PartnerInboxProjection(ProjectionContext context) {
        super(context, PROCESSING_GROUP, ITEMS, CASES);
        prefetch(InboxCaseDocument.class, CASES, document -> document.id).byAny(ReferralEvents::referralId);
        prefetch(InboxItemDocument.class, ITEMS, document -> document.id)
                .by(TransferRequestedEvent.class, e -> InboxItemDocument.idOf(e.referralId(), e.transferId()))
                .by(TransferAcknowledgedEvent.class, e -> InboxItemDocument.idOf(e.referralId(), e.transferId()))
                .by(TransferAcceptedEvent.class, e -> InboxItemDocument.idOf(e.referralId(), e.transferId()))
                .by(TransferDeclinedEvent.class, e -> InboxItemDocument.idOf(e.referralId(), e.transferId()))
                .by(TransferCancelledEvent.class, e -> InboxItemDocument.idOf(e.referralId(), e.transferId()))
                .by(TransferCompletedEvent.class, e -> InboxItemDocument.idOf(e.referralId(), e.transferId()))
                .by(TransferAcknowledgementOverdueEvent.class,
                        e -> InboxItemDocument.idOf(e.referralId(), e.transferId()))
                .by(DeadlineRescheduledEvent.class, e -> InboxItemDocument.idOf(e.referralId(), e.transferId()))
                .by(TransferMessagePostedEvent.class, e -> InboxItemDocument.idOf(e.referralId(), e.transferId()))
                .by(NoticeOutcomeRecordedEvent.class, e -> InboxItemDocument.idOf(e.referralId(), e.transferId()));
        on(PersonalDataAccessedEvent.class, this::accessed);
        on(ReferralReceivedEvent.class, this::received);
        on(ReferralTriagedEvent.class, this::triaged);
        on(ConsentWithdrawnEvent.class, this::consentWithdrawn);
        on(TransferRequestedEvent.class, this::requested);
        on(TransferAcknowledgedEvent.class, (e, event) -> toItem(event, e.referralId(), e.transferId(), item -> {
            item.state = TransferState.ACKNOWLEDGED;
            item.acknowledgedAt = event.at();
            item.overdue = false;
        }));
        on(TransferAcceptedEvent.class, (e, event) -> toItem(event, e.referralId(), e.transferId(),
                item -> item.state = TransferState.ACCEPTED));
        on(TransferDeclinedEvent.class, (e, event) -> toItem(event, e.referralId(), e.transferId(),
                item -> end(item, TransferState.DECLINED, event.at())));
        on(TransferCancelledEvent.class, (e, event) -> toItem(event, e.referralId(), e.transferId(),
                item -> end(item, TransferState.CANCELLED, event.at())));
        on(TransferCompletedEvent.class, (e, event) -> toItem(event, e.referralId(), e.transferId(), item -> {
            end(item, TransferState.COMPLETED, event.at());
            item.outcome = e.outcome();
        }));
        on(DeadlineRescheduledEvent.class, (e, event) -> toItem(event, e.referralId(), e.transferId(),
                item -> item.deadline = e.deadline()));
        on(TransferAcknowledgementOverdueEvent.class, (e, event) -> toItem(event, e.referralId(), e.transferId(),
                item -> {
                    item.overdue = item.state == TransferState.REQUESTED;
                    item.wasOverdue = true;
                }));
        on(NoticeOutcomeRecordedEvent.class, (e, event) -> toItem(event, e.referralId(), e.transferId(),
                item -> item.noticeAnswers = NoticeAnswers.with(item.noticeAnswers, NoticeAnswers.of(e))));
        on(TransferMessagePostedEvent.class, (e, event) -> toItem(event, e.referralId(), e.transferId(), item -> {
            if (e.side() == ConversationSide.COORDINATION) {
                if (item.unreadMessageIds == null) {
                    item.unreadMessageIds = new ArrayList<>();
                }
                item.unreadMessageIds.add(e.messageId());
            }
        }));
        onAnyOther((payload, event) -> {
            String referralId = ReferralEvents.referralId(payload);
            if (referralId != null) {
                newerCase(event, referralId);
            }
        });
    }

    private void received(ReferralReceivedEvent received, Applying event) {
        if (event.find(InboxCaseDocument.class, CASES, received.referralId()) == null) {
            InboxCaseDocument theCase = new InboxCaseDocument();
            theCase.id = received.referralId();
            theCase.reference = received.reference();
            theCase.ageBand = received.ageBand();
            theCase.categories = EnumSet.copyOf(received.categories());
            theCase.version = event.sequence();
            event.save(CASES, theCase.id, theCase);
        }
    }

    private void triaged(ReferralTriagedEvent triaged, Applying event) {
        InboxCaseDocument theCase = newerCase(event, triaged.referralId());
        if (theCase == null) {
            return;
        }
        theCase.riskLevel = triaged.riskLevel();
        theCase.ageBand = triaged.ageBand();
        theCase.categories = EnumSet.noneOf(Category.class);
        theCase.categories.addAll(triaged.categories());
        for (String transferId : theCase.transferIds) {
            InboxItemDocument item = item(event, theCase.id, transferId);
            if (item != null) {
                copyCase(theCase, item);
                event.save(ITEMS, item.id, item);
            }
        }
    }

    private void consentWithdrawn(ConsentWithdrawnEvent withdrawn, Applying event) {
        InboxCaseDocument theCase = newerCase(event, withdrawn.referralId());
        if (theCase == null) {
            return;
        }
        for (String transferId : theCase.transferIds) {
            InboxItemDocument item = item(event, theCase.id, transferId);
            if (item != null) {
                item.consentWithdrawn |= item.legalBasis == LegalBasis.CONSENT;
                event.save(ITEMS, item.id, item);
            }
        }
    }

    private void requested(TransferRequestedEvent requested, Applying event) {
        InboxCaseDocument theCase = newerCase(event, requested.referralId());
        if (theCase == null) {
            return;
        }
        theCase.transferIds.add(requested.transferId());
        String id = InboxItemDocument.idOf(requested.referralId(), requested.transferId());
        if (event.find(InboxItemDocument.class, ITEMS, id) == null) {
            event.save(ITEMS, id, requested(theCase, requested, event.at(), event.sequence()));
        }
    }

    /**
     * The case's document if this event is newer than what it shows, marked as having seen it (and written back);
     * null otherwise, and the event then changes nothing.
     */
    private static InboxCaseDocument newerCase(Applying event, String referralId) {
        InboxCaseDocument theCase = event.find(InboxCaseDocument.class, CASES, referralId);
        if (theCase == null || event.sequence() <= theCase.version) {
            return null;
        }
        theCase.version = event.sequence();
        event.save(CASES, referralId, theCase);
        return theCase;
    }

    /** Changes the transfer's item, if the event is newer than both the case and the item. */
    private static void toItem(Applying event, String referralId, String transferId,
                               Consumer<InboxItemDocument> change) {
        if (newerCase(event, referralId) == null) {
            return;
        }
        InboxItemDocument item = item(event, referralId, transferId);
        if (item != null) {
            change.accept(item);
            event.save(ITEMS, item.id, item);
        }
    }

    /**
     * A liaison was shown messages of the coordination: they are read for the partner (see the conversations read
     * model for how "read" is derived). A liaison is only ever shown its own partner's transfers.
     */
    private void accessed(PersonalDataAccessedEvent accessed, Applying event) {
        if (!Role.LIAISON.name().equals(event.metadata(ActorMetadata.ROLE))) {
            return;
        }
        for (String text : accessed.texts()) {
            ConversationReads.parse(text).ifPresent(shown -> {
                InboxItemDocument item = event.find(InboxItemDocument.class, ITEMS,
                        InboxItemDocument.idOf(accessed.referralId(), shown.transferId()));
                if (item != null && item.unreadMessageIds != null && item.unreadMessageIds.remove(shown.messageId())) {
                    event.save(ITEMS, item.id, item);
                }
            });
        }
    }

    /** The transfer's document if this event is newer than what it shows. */
    private static InboxItemDocument item(Applying event, String referralId, String transferId) {
        InboxItemDocument item = event.find(InboxItemDocument.class, ITEMS,
                InboxItemDocument.idOf(referralId, transferId));
        if (item == null || event.sequence() <= item.version) {
            return null;
        }
        item.version = event.sequence();
        return item;
    }

    private static InboxItemDocument requested(InboxCaseDocument theCase, TransferRequestedEvent event, Instant at,
                                               long sequence) {
        InboxItemDocument item = new InboxItemDocument();
        item.id = InboxItemDocument.idOf(event.referralId(), event.transferId());
        item.referralId = event.referralId();
        item.transferId = event.transferId();
        item.partnerId = event.partnerId();
        item.purpose = event.purpose();
        item.legalBasis = event.legalBasis();
        item.state = TransferState.REQUESTED;
        item.sharedFields = EnumSet.noneOf(ShareableField.class);
        item.sharedFields.addAll(event.sharedFields());
        item.requestedAt = at;
        item.deadline = event.deadline();
        item.hostingService = event.hostingService();
        item.noticeCount = NoticeAnswers.noticeCount(event);
        item.version = sequence;
        copyCase(theCase, item);
        return item;
    }

    private static void copyCase(InboxCaseDocument theCase, InboxItemDocument item) {
        item.reference = theCase.reference;
        item.ageBand = theCase.ageBand;
        item.riskLevel = theCase.riskLevel;
        item.categories = theCase.categories;
    }

    private static void end(InboxItemDocument item, TransferState state, Instant at) {
        item.state = state;
        item.endedAt = at;
        item.overdue = false;
    }

    /** The inbox is read by partner (and state), in {@link #ORDER}: one index for each. */
    @Override
    public void declareIndexes(CollectionSet target) {
        IndexDeclarations.declare(mongo(), target.name(ITEMS), List.of(
                new Index().on("partnerId", Sort.Direction.ASC).on("overdue", Sort.Direction.DESC)
                        .on("deadline", Sort.Direction.ASC).on("_id", Sort.Direction.ASC).named("partner_order"),
                new Index().on("partnerId", Sort.Direction.ASC).on("state", Sort.Direction.ASC)
                        .on("overdue", Sort.Direction.DESC).on("deadline", Sort.Direction.ASC)
                        .on("_id", Sort.Direction.ASC).named("partner_state_order")));
    }

    @QueryHandler
    PartnerInboxPageView handle(FindPartnerInboxQuery query) {
        String collection = active().name(ITEMS);
        Query filter = new Query(where("partnerId").is(query.partnerId()));
        if (query.state() != null) {
            filter.addCriteria(where("state").is(query.state()));
        }
        long total = mongo().count(filter, collection);
        Query page = Query.of(filter).with(ORDER).skip((long) query.page() * query.size()).limit(query.size());
        List<InboxItemDocument> documents = new ArrayList<>(mongo().find(page, InboxItemDocument.class, collection));
        return new PartnerInboxPageView(documents.stream().map(InboxItemDocument::toView).toList(), total,
                query.page(), query.size());
    }
}
