package org.relais.app.notifications;

import java.util.Optional;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.query.FindNotificationQuery;
import org.relais.core.api.query.FindNotificationsQuery;
import org.relais.core.api.query.NotificationPageView;
import org.relais.core.api.access.NotificationReadEvent;
import org.relais.core.api.query.NotificationView;
import org.relais.app.messaging.ActorMetadataSource;
import org.springframework.stereotype.Component;

/** A coordinator's notifications, for the API and the web UI alike. */
@Component
public class CoordinatorNotifications {

    /** More than a coordinator reads at once; the count says how many there are in all. */
    public static final int PAGE = 50;

    private final QueryGateway queries;
    private final EventGateway events;

    CoordinatorNotifications(QueryGateway queries, EventGateway events) {
        this.queries = queries;
        this.events = events;
    }

    public NotificationPageView unread(String username) {
        return queries.query(new FindNotificationsQuery(username, PAGE), NotificationPageView.class).join();
    }

    /** How many unread notifications the coordinator has, without reading them. */
    public long unreadCount(String username) {
        return queries.query(new FindNotificationsQuery(username, 0), NotificationPageView.class).join().unread();
    }

    public Optional<NotificationView> find(String notificationId, String username) {
        return queries.query(new FindNotificationQuery(notificationId, username),
                ResponseTypes.optionalInstanceOf(NotificationView.class)).join();
    }

    /**
     * Marks the notification read for the signed-in coordinator, once: a second mark would say nothing new. Empty
     * when it is not addressed to them (or unknown).
     */
    public Optional<NotificationView> markRead(String notificationId, String username) {
        Optional<NotificationView> notification = find(notificationId, username);
        notification.filter(n -> !n.read()).ifPresent(n -> events.publish(GenericEventMessage
                .asEventMessage(new NotificationReadEvent(n.notificationId()))
                .andMetaData(ActorMetadataSource.currentActor())));
        return notification;
    }
}
