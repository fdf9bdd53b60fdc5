package org.relais.projections.inbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
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
import org.relais.projections.support.BatchProjection;
import org.relais.projections.support.CollectionSet;
import org.relais.projections.support.DocumentBatch;
import org.relais.projections.support.Events;
import org.relais.projections.support.IndexDeclarations;
import org.relais.projections.support.LiveBatches;
import org.relais.projections.support.NoticeAnswers;
import org.relais.projections.support.ProjectionGenerations;
import org.relais.projections.support.ReferralEvents;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
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
class PartnerInboxProjection implements BatchProjection {

    static final String PROCESSING_GROUP = "partner-inbox";

    /** Overdue first, then the nearest deadline; {@code _id} breaks ties so pages never overlap. */
    static final Sort ORDER = Sort.by(Sort.Order.desc("overdue"), Sort.Order.asc("deadline"), Sort.Order.asc("_id"));

    private final MongoTemplate mongo;
    private final ProjectionGenerations generations;
    private final LiveBatches live;

    PartnerInboxProjection(MongoTemplate mongo, ProjectionGenerations generations, LiveBatches live) {
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
        return List.of(InboxItemDocument.COLLECTION, InboxCaseDocument.COLLECTION);
    }

    @Override
    public void apply(List<? extends EventMessage<?>> events, CollectionSet target) {
        String cases = target.name(InboxCaseDocument.COLLECTION);
        String items = target.name(InboxItemDocument.COLLECTION);
        DocumentBatch batch = new DocumentBatch(mongo);
        batch.prefetch(InboxCaseDocument.class, cases, events.stream()
                .map(event -> ReferralEvents.referralId(event.getPayload())).filter(id -> id != null).toList(),
                document -> document.id);
        batch.prefetch(InboxItemDocument.class, items, events.stream().map(event -> itemIdOf(event.getPayload()))
                .filter(id -> id != null).toList(), document -> document.id);
        for (EventMessage<?> event : events) {
            Object payload = event.getPayload();
            if (payload instanceof PersonalDataAccessedEvent accessed) {
                markRead(batch, items, accessed, Events.metadata(event, ActorMetadata.ROLE));
                continue;
            }
            String referralId = ReferralEvents.referralId(payload);
            if (referralId == null) {
                continue;
            }
            long sequence = Events.sequence(event);
            InboxCaseDocument theCase = batch.find(InboxCaseDocument.class, cases, referralId);
            if (payload instanceof ReferralReceivedEvent received) {
                if (theCase == null) {
                    theCase = new InboxCaseDocument();
                    theCase.id = referralId;
                    theCase.reference = received.reference();
                    theCase.ageBand = received.ageBand();
                    theCase.categories = EnumSet.copyOf(received.categories());
                    theCase.version = sequence;
                    batch.save(cases, referralId, theCase);
                }
                continue;
            }
            if (theCase == null || sequence <= theCase.version) {
                continue;
            }
            theCase.version = sequence;
            batch.save(cases, referralId, theCase);
            if (payload instanceof ReferralTriagedEvent triaged) {
                theCase.riskLevel = triaged.riskLevel();
                theCase.ageBand = triaged.ageBand();
                theCase.categories = EnumSet.noneOf(Category.class);
                theCase.categories.addAll(triaged.categories());
                for (String transferId : theCase.transferIds) {
                    InboxItemDocument item = item(batch, items, referralId, transferId, sequence);
                    if (item != null) {
                        copyCase(theCase, item);
                        batch.save(items, item.id, item);
                    }
                }
            } else if (payload instanceof ConsentWithdrawnEvent) {
                for (String transferId : theCase.transferIds) {
                    InboxItemDocument item = item(batch, items, referralId, transferId, sequence);
                    if (item != null) {
                        item.consentWithdrawn |= item.legalBasis == LegalBasis.CONSENT;
                        batch.save(items, item.id, item);
                    }
                }
            } else if (payload instanceof TransferRequestedEvent requested) {
                theCase.transferIds.add(requested.transferId());
                String id = InboxItemDocument.idOf(referralId, requested.transferId());
                if (batch.find(InboxItemDocument.class, items, id) == null) {
                    batch.save(items, id, requested(theCase, requested, event.getTimestamp(), sequence));
                }
            } else {
                String transferId = transferIdOf(payload);
                InboxItemDocument item = transferId == null ? null
                        : item(batch, items, referralId, transferId, sequence);
                if (item != null) {
                    applyToItem(item, payload, event.getTimestamp());
                    batch.save(items, item.id, item);
                }
            }
        }
        batch.flush();
    }

    /**
     * A liaison was shown messages of the coordination: they are read for the partner (see the conversations read
     * model for how "read" is derived). A liaison is only ever shown its own partner's transfers.
     */
    private static void markRead(DocumentBatch batch, String items, PersonalDataAccessedEvent accessed, String role) {
        if (!Role.LIAISON.name().equals(role)) {
            return;
        }
        for (String text : accessed.texts()) {
            ConversationReads.parse(text).ifPresent(shown -> {
                InboxItemDocument item = batch.find(InboxItemDocument.class, items,
                        InboxItemDocument.idOf(accessed.referralId(), shown.transferId()));
                if (item != null && item.unreadMessageIds != null && item.unreadMessageIds.remove(shown.messageId())) {
                    batch.save(items, item.id, item);
                }
            });
        }
    }

    /** The transfer's document if this event is newer than what it shows. */
    private static InboxItemDocument item(DocumentBatch batch, String items, String referralId, String transferId,
                                          long sequence) {
        InboxItemDocument item = batch.find(InboxItemDocument.class, items,
                InboxItemDocument.idOf(referralId, transferId));
        if (item == null || sequence <= item.version) {
            return null;
        }
        item.version = sequence;
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

    /** The inbox item a transfer event concerns, read in one query for the whole batch. */
    private static String itemIdOf(Object payload) {
        if (payload instanceof TransferRequestedEvent requested) {
            return InboxItemDocument.idOf(requested.referralId(), requested.transferId());
        }
        String transferId = transferIdOf(payload);
        return transferId == null ? null : InboxItemDocument.idOf(ReferralEvents.referralId(payload), transferId);
    }

    private static String transferIdOf(Object payload) {
        if (payload instanceof TransferAcknowledgedEvent e) {
            return e.transferId();
        } else if (payload instanceof TransferAcceptedEvent e) {
            return e.transferId();
        } else if (payload instanceof TransferDeclinedEvent e) {
            return e.transferId();
        } else if (payload instanceof TransferCancelledEvent e) {
            return e.transferId();
        } else if (payload instanceof TransferCompletedEvent e) {
            return e.transferId();
        } else if (payload instanceof TransferAcknowledgementOverdueEvent e) {
            return e.transferId();
        } else if (payload instanceof DeadlineRescheduledEvent e) {
            return e.transferId();
        } else if (payload instanceof TransferMessagePostedEvent e) {
            return e.transferId();
        } else if (payload instanceof NoticeOutcomeRecordedEvent e) {
            return e.transferId();
        }
        return null;
    }

    private static void applyToItem(InboxItemDocument item, Object payload, Instant at) {
        if (payload instanceof TransferAcknowledgedEvent) {
            item.state = TransferState.ACKNOWLEDGED;
            item.acknowledgedAt = at;
            item.overdue = false;
        } else if (payload instanceof TransferAcceptedEvent) {
            item.state = TransferState.ACCEPTED;
        } else if (payload instanceof TransferDeclinedEvent) {
            end(item, TransferState.DECLINED, at);
        } else if (payload instanceof TransferCancelledEvent) {
            end(item, TransferState.CANCELLED, at);
        } else if (payload instanceof TransferCompletedEvent completed) {
            end(item, TransferState.COMPLETED, at);
            item.outcome = completed.outcome();
        } else if (payload instanceof DeadlineRescheduledEvent rescheduled) {
            item.deadline = rescheduled.deadline();
        } else if (payload instanceof TransferAcknowledgementOverdueEvent) {
            item.overdue = item.state == TransferState.REQUESTED;
            item.wasOverdue = true;
        } else if (payload instanceof NoticeOutcomeRecordedEvent answered) {
            item.noticeAnswers = NoticeAnswers.with(item.noticeAnswers, NoticeAnswers.of(answered));
        } else if (payload instanceof TransferMessagePostedEvent posted
                && posted.side() == ConversationSide.COORDINATION) {
            if (item.unreadMessageIds == null) {
                item.unreadMessageIds = new ArrayList<>();
            }
            item.unreadMessageIds.add(posted.messageId());
        }
    }

    private static void end(InboxItemDocument item, TransferState state, Instant at) {
        item.state = state;
        item.endedAt = at;
        item.overdue = false;
    }

    /** The inbox is read by partner (and state), in {@link #ORDER}: one index for each. */
    @Override
    public void declareIndexes(CollectionSet target) {
        IndexDeclarations.declare(mongo, target.name(InboxItemDocument.COLLECTION), List.of(
                new Index().on("partnerId", Sort.Direction.ASC).on("overdue", Sort.Direction.DESC)
                        .on("deadline", Sort.Direction.ASC).on("_id", Sort.Direction.ASC).named("partner_order"),
                new Index().on("partnerId", Sort.Direction.ASC).on("state", Sort.Direction.ASC)
                        .on("overdue", Sort.Direction.DESC).on("deadline", Sort.Direction.ASC)
                        .on("_id", Sort.Direction.ASC).named("partner_state_order")));
    }

    @QueryHandler
    PartnerInboxPageView handle(FindPartnerInboxQuery query) {
        String collection = generations.active(PROCESSING_GROUP).name(InboxItemDocument.COLLECTION);
        Query filter = new Query(where("partnerId").is(query.partnerId()));
        if (query.state() != null) {
            filter.addCriteria(where("state").is(query.state()));
        }
        long total = mongo.count(filter, collection);
        Query page = Query.of(filter).with(ORDER).skip((long) query.page() * query.size()).limit(query.size());
        List<InboxItemDocument> documents = new ArrayList<>(mongo.find(page, InboxItemDocument.class, collection));
        return new PartnerInboxPageView(documents.stream().map(InboxItemDocument::toView).toList(), total,
                query.page(), query.size());
    }

    @ResetHandler
    void reset() {
        generations.resetActive(this);
    }
}
