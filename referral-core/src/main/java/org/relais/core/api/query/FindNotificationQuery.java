package org.relais.core.api.query;

/** One notification, if it is addressed to coordinator {@code username} (read or not). */
public record FindNotificationQuery(String notificationId, String username) {
}
