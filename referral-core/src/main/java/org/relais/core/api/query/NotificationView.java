package org.relais.core.api.query;

import java.time.Instant;

/**
 * Something a coordinator should look at, with no personal data: the case's reference, what happened and at which
 * partner, when. {@code read}: the asking coordinator marked it read.
 */
public record NotificationView(String notificationId, String referralId, String reference, NotificationKind kind,
                               String partnerId, String transferId, Instant at, boolean read) {
}
