package org.relais.app.notifications;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.relais.core.api.query.NotificationKind;
import org.relais.core.api.query.NotificationPageView;
import org.relais.core.api.query.NotificationView;
import org.relais.app.consistency.ReadsFrom;
import org.relais.app.http.problem.NotFoundException;
import org.relais.app.security.Actor;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in coordinator's notifications: what happened to the transfers of their cases (or of unassigned
 * cases) that they have not marked read, with no personal data, and a link to the case.
 */
@RestController
@Validated
@Tag(name = "Notifications")
class NotificationController {

    private final CoordinatorNotifications notifications;

    NotificationController(CoordinatorNotifications notifications) {
        this.notifications = notifications;
    }

    record Notification(String notificationId, String referralId, String reference, NotificationKind kind,
                        String partnerId, String transferId, Instant at, boolean read, String link) {

        static Notification of(NotificationView view) {
            return new Notification(view.notificationId(), view.referralId(), view.reference(), view.kind(),
                    view.partnerId(), view.transferId(), view.at(), view.read(), "/ui/cases/" + view.referralId());
        }
    }

    record Notifications(List<Notification> items, long unread) {
    }

    @Operation(summary = "The caller's unread notifications, newest first (coordinator)")
    @ReadsFrom("notifications")
    @GetMapping(path = "/api/notifications", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('COORDINATOR')")
    Notifications unread() {
        NotificationPageView page = notifications.unread(Actor.required().username());
        return new Notifications(page.items().stream().map(Notification::of).toList(), page.unread());
    }

    /**
     * Idempotent by nature rather than through {@code Idempotency-Key}: marking a notification read again stores
     * nothing and answers the same. Not found for a notification addressed to somebody else.
     */
    @Operation(summary = "Mark one of the caller's notifications read (coordinator)")
    @PostMapping(path = "/api/notifications/{notificationId}/read", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('COORDINATOR')")
    Notification read(@PathVariable @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}") String notificationId) {
        return notifications.markRead(notificationId, Actor.required().username())
                .map(view -> Notification.of(new NotificationView(view.notificationId(), view.referralId(),
                        view.reference(), view.kind(), view.partnerId(), view.transferId(), view.at(), true)))
                .orElseThrow(NotFoundException::new);
    }
}
