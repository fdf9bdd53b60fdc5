package org.relais.core.api.query;

/** The unread notifications of coordinator {@code username}, newest first, at most {@code limit} (0: the count only). */
public record FindNotificationsQuery(String username, int limit) {
}
