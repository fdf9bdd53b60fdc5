package org.relais.projections.notifications;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.referral.ConversationSide;
import org.relais.core.api.referral.CoordinatorAssignedEvent;
import org.relais.core.api.query.FindNotificationQuery;
import org.relais.core.api.query.FindNotificationsQuery;
import org.relais.core.api.query.NotificationKind;
import org.relais.core.api.query.NotificationPageView;
import org.relais.core.api.access.NotificationReadEvent;
import org.relais.core.api.query.NotificationView;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferMessagePostedEvent;
import org.relais.core.api.referral.TransferOutcome;
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
 * What coordinators are told about the transfers of their cases: a decline, a refusal, an overdue acknowledgement, a
 * completion, a partner's message. Each goes to the coordinator the case is assigned to at that moment, or to every
 * coordinator while nobody is. Notifications carry no personal data: reference, kind, partner, time.
 *
 * <p>Read marks come from {@link NotificationReadEvent}s, so a rebuild derives them again with the rest. A
 * notification is keyed by the event it tells about, and a mark only adds a name, so a batch applied twice changes
 * nothing.
 */
@Component
@ProcessingGroup(NotificationsProjection.PROCESSING_GROUP)
class NotificationsProjection implements BatchProjection {

    static final String PROCESSING_GROUP = "notifications";

    /** Newest first; {@code _id} breaks ties. */
    static final Sort ORDER = Sort.by(Sort.Order.desc("at"), Sort.Order.desc("_id"));

    private final MongoTemplate mongo;
    private final ProjectionGenerations generations;
    private final LiveBatches live;

    NotificationsProjection(MongoTemplate mongo, ProjectionGenerations generations, LiveBatches live) {
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
        return List.of(NotificationDocument.COLLECTION, NotifiedCaseDocument.COLLECTION);
    }

    @Override
    public void apply(List<? extends EventMessage<?>> events, CollectionSet target) {
        String notifications = target.name(NotificationDocument.COLLECTION);
        String cases = target.name(NotifiedCaseDocument.COLLECTION);
        DocumentBatch batch = new DocumentBatch(mongo);
        batch.prefetch(NotifiedCaseDocument.class, cases, events.stream()
                .map(event -> ReferralEvents.referralId(event.getPayload())).filter(id -> id != null).toList(),
                document -> document.id);
        for (EventMessage<?> event : events) {
            Object payload = event.getPayload();
            if (payload instanceof NotificationReadEvent read) {
                markRead(batch, notifications, read.notificationId(), Events.metadata(event, ActorMetadata.USER));
                continue;
            }
            String referralId = ReferralEvents.referralId(payload);
            if (referralId == null) {
                continue;
            }
            long sequence = Events.sequence(event);
            NotifiedCaseDocument theCase = batch.find(NotifiedCaseDocument.class, cases, referralId);
            if (payload instanceof ReferralReceivedEvent received) {
                if (theCase == null) {
                    theCase = new NotifiedCaseDocument();
                    theCase.id = referralId;
                    theCase.reference = received.reference();
                    theCase.version = sequence;
                    batch.save(cases, referralId, theCase);
                }
                continue;
            }
            if (theCase == null || sequence <= theCase.version) {
                continue;
            }
            if (payload instanceof CoordinatorAssignedEvent assigned) {
                theCase.assignedCoordinator = assigned.coordinator();
                theCase.version = sequence;
                batch.save(cases, referralId, theCase);
                continue;
            }
            NotificationDocument notification = notification(payload);
            if (notification != null && batch.find(NotificationDocument.class, notifications,
                    event.getIdentifier()) == null) {
                notification.id = event.getIdentifier();
                notification.referralId = referralId;
                notification.reference = theCase.reference;
                notification.at = event.getTimestamp();
                notification.recipients.add(theCase.assignedCoordinator == null
                        ? NotificationDocument.ALL_COORDINATORS : theCase.assignedCoordinator);
                batch.save(notifications, notification.id, notification);
            }
        }
        batch.flush();
    }

    private static void markRead(DocumentBatch batch, String notifications, String notificationId, String user) {
        NotificationDocument notification = notificationId == null ? null
                : batch.find(NotificationDocument.class, notifications, notificationId);
        if (notification != null && user != null && !notification.readBy.contains(user)) {
            notification.readBy.add(user);
            batch.save(notifications, notification.id, notification);
        }
    }

    /** The notification an event calls for, without its id, case and time yet; null for the others. */
    private static NotificationDocument notification(Object payload) {
        if (payload instanceof TransferDeclinedEvent e) {
            return of(NotificationKind.TRANSFER_DECLINED, e.partnerId(), e.transferId());
        } else if (payload instanceof TransferCompletedEvent e) {
            return of(e.outcome() == TransferOutcome.REFUSED ? NotificationKind.TRANSFER_REFUSED
                    : NotificationKind.TRANSFER_COMPLETED, e.partnerId(), e.transferId());
        } else if (payload instanceof TransferAcknowledgementOverdueEvent e) {
            return of(NotificationKind.TRANSFER_OVERDUE, e.partnerId(), e.transferId());
        } else if (payload instanceof TransferMessagePostedEvent e && e.side() == ConversationSide.PARTNER) {
            return of(NotificationKind.PARTNER_MESSAGE, e.partnerId(), e.transferId());
        }
        return null;
    }

    private static NotificationDocument of(NotificationKind kind, String partnerId, String transferId) {
        NotificationDocument notification = new NotificationDocument();
        notification.kind = kind;
        notification.partnerId = partnerId;
        notification.transferId = transferId;
        return notification;
    }

    /** A coordinator's notifications are read by recipient, newest first: one index serves the page and the count. */
    @Override
    public void declareIndexes(CollectionSet target) {
        IndexDeclarations.declare(mongo, target.name(NotificationDocument.COLLECTION), List.of(
                new Index().on("recipients", Sort.Direction.ASC).on("at", Sort.Direction.DESC)
                        .on("_id", Sort.Direction.DESC).named("recipients_at_id")));
    }

    @QueryHandler
    NotificationPageView handle(FindNotificationsQuery query) {
        String collection = generations.active(PROCESSING_GROUP).name(NotificationDocument.COLLECTION);
        Query unread = new Query(Criteria.where("recipients").in(query.username(),
                NotificationDocument.ALL_COORDINATORS).and("readBy").ne(query.username()));
        long total = mongo.count(unread, collection);
        if (query.limit() <= 0) {
            return new NotificationPageView(List.of(), total);
        }
        List<NotificationView> items = mongo.find(Query.of(unread).with(ORDER).limit(query.limit()),
                NotificationDocument.class, collection).stream().map(n -> n.toView(query.username())).toList();
        return new NotificationPageView(items, total);
    }

    @QueryHandler
    Optional<NotificationView> handle(FindNotificationQuery query) {
        String collection = generations.active(PROCESSING_GROUP).name(NotificationDocument.COLLECTION);
        return Optional.ofNullable(mongo.findOne(new Query(where("_id").is(query.notificationId())
                                .and("recipients").in(query.username(), NotificationDocument.ALL_COORDINATORS)),
                        NotificationDocument.class, collection))
                .map(n -> n.toView(query.username()));
    }

    @ResetHandler
    void reset() {
        generations.resetActive(this);
    }
}
