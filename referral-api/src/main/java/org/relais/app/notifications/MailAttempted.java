package org.relais.app.notifications;

/**
 * The outbox tried to send one queued mail (published as an application event, for the metrics).
 *
 * @param sent whether the SMTP server took it; false is a failure, retried later
 */
public record MailAttempted(boolean sent) {
}
