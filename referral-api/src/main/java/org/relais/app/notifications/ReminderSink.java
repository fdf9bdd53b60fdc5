package org.relais.app.notifications;

import java.time.Instant;

/** Where the deadline poller hands reminders; present only when notifications are on. */
public interface ReminderSink {

    void remind(String referralId, String transferId, String partnerId, Instant dueAt);
}
