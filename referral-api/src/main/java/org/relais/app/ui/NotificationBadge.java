package org.relais.app.ui;

import org.relais.core.api.Role;
import org.relais.app.notifications.CoordinatorNotifications;
import org.relais.app.security.Actor;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The coordinator's count of unread notifications, in every page's header. */
@ControllerAdvice(basePackageClasses = NotificationBadge.class)
class NotificationBadge {

    private final CoordinatorNotifications notifications;

    NotificationBadge(CoordinatorNotifications notifications) {
        this.notifications = notifications;
    }

    @ModelAttribute("unreadNotifications")
    Long unreadNotifications() {
        return Actor.current().filter(actor -> actor.role() == Role.COORDINATOR)
                .map(actor -> notifications.unreadCount(actor.username())).orElse(null);
    }
}
