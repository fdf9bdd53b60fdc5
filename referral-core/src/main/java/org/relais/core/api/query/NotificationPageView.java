package org.relais.core.api.query;

import java.util.List;

/** A coordinator's unread notifications, newest first, and how many there are in all. */
public record NotificationPageView(List<NotificationView> items, long unread) {

    public NotificationPageView {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
