package org.relais.projections.notifications;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
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
class NotificationsProjection extends RoutedProjection {

    static final String PROCESSING_GROUP = "notifications";

    /** Newest first; {@code _id} breaks ties. */
    static final Sort ORDER = Sort.by(Sort.Order.desc("at"), Sort.Order.desc("_id"));

    private static final String NOTIFICATIONS = NotificationDocument.COLLECTION;
    private static final String CASES = NotifiedCaseDocument.COLLECTION;

    NotificationsProjection(ProjectionContext context) {
        super(context, PROCESSING_GROUP, NOTIFICATIONS, CASES);
        prefetch(NotifiedCaseDocument.class, CASES, document -> document.id).byAny(ReferralEvents::referralId);
        on(NotificationReadEvent.class, this::read);
        on(ReferralReceivedEvent.class, this::received);
        on(CoordinatorAssignedEvent.class, this::assigned);
        on(TransferDeclinedEvent.class, (e, event) -> tell(event, e.referralId(),
                of(NotificationKind.TRANSFER_DECLINED, e.partnerId(), e.transferId())));
        on(TransferCompletedEvent.class, (e, event) -> tell(event, e.referralId(),
                of(e.outcome() == TransferOutcome.REFUSED ? NotificationKind.TRANSFER_REFUSED
                        : NotificationKind.TRANSFER_COMPLETED, e.partnerId(), e.transferId())));
        on(TransferAcknowledgementOverdueEvent.class, (e, event) -> tell(event, e.referralId(),
                of(NotificationKind.TRANSFER_OVERDUE, e.partnerId(), e.transferId())));
        on(TransferMessagePostedEvent.class, (e, event) -> {
            if (e.side() == ConversationSide.PARTNER) {
                tell(event, e.referralId(), of(NotificationKind.PARTNER_MESSAGE, e.partnerId(), e.transferId()));
            }
        });
    }

    private void received(ReferralReceivedEvent received, Applying event) {
        if (event.find(NotifiedCaseDocument.class, CASES, received.referralId()) == null) {
            NotifiedCaseDocument theCase = new NotifiedCaseDocument();
            theCase.id = received.referralId();
            theCase.reference = received.reference();
            theCase.version = event.sequence();
            event.save(CASES, theCase.id, theCase);
        }
    }

    private void assigned(CoordinatorAssignedEvent assigned, Applying event) {
        NotifiedCaseDocument theCase = newerCase(event, assigned.referralId());
        if (theCase != null) {
            theCase.assignedCoordinator = assigned.coordinator();
            theCase.version = event.sequence();
            event.save(CASES, theCase.id, theCase);
        }
    }

    /** The case's document, if this event is newer than what it shows. */
    private static NotifiedCaseDocument newerCase(Applying event, String referralId) {
        NotifiedCaseDocument theCase = event.find(NotifiedCaseDocument.class, CASES, referralId);
        return theCase == null || event.sequence() <= theCase.version ? null : theCase;
    }

    /** Keyed by the event it tells about, sent to whom the case is assigned to at that moment. */
    private static void tell(Applying event, String referralId, NotificationDocument notification) {
        NotifiedCaseDocument theCase = newerCase(event, referralId);
        if (theCase == null || event.find(NotificationDocument.class, NOTIFICATIONS, event.id()) != null) {
            return;
        }
        notification.id = event.id();
        notification.referralId = referralId;
        notification.reference = theCase.reference;
        notification.at = event.at();
        notification.recipients.add(theCase.assignedCoordinator == null
                ? NotificationDocument.ALL_COORDINATORS : theCase.assignedCoordinator);
        event.save(NOTIFICATIONS, notification.id, notification);
    }

    private void read(NotificationReadEvent read, Applying event) {
        String user = event.metadata(ActorMetadata.USER);
        NotificationDocument notification = read.notificationId() == null ? null
                : event.find(NotificationDocument.class, NOTIFICATIONS, read.notificationId());
        if (notification != null && user != null && !notification.readBy.contains(user)) {
            notification.readBy.add(user);
            event.save(NOTIFICATIONS, notification.id, notification);
        }
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
        IndexDeclarations.declare(mongo(), target.name(NOTIFICATIONS), List.of(
                new Index().on("recipients", Sort.Direction.ASC).on("at", Sort.Direction.DESC)
                        .on("_id", Sort.Direction.DESC).named("recipients_at_id")));
    }

    @QueryHandler
    NotificationPageView handle(FindNotificationsQuery query) {
        String collection = active().name(NOTIFICATIONS);
        Query unread = new Query(Criteria.where("recipients").in(query.username(),
                NotificationDocument.ALL_COORDINATORS).and("readBy").ne(query.username()));
        long total = mongo().count(unread, collection);
        if (query.limit() <= 0) {
            return new NotificationPageView(List.of(), total);
        }
        List<NotificationView> items = mongo().find(Query.of(unread).with(ORDER).limit(query.limit()),
                NotificationDocument.class, collection).stream().map(n -> n.toView(query.username())).toList();
        return new NotificationPageView(items, total);
    }

    @QueryHandler
    Optional<NotificationView> handle(FindNotificationQuery query) {
        String collection = active().name(NOTIFICATIONS);
        return Optional.ofNullable(mongo().findOne(new Query(where("_id").is(query.notificationId())
                                .and("recipients").in(query.username(), NotificationDocument.ALL_COORDINATORS)),
                        NotificationDocument.class, collection))
                .map(n -> n.toView(query.username()));
    }
}
