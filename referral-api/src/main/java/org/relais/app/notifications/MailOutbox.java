package org.relais.app.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.relais.core.api.referral.ConversationSide;
import org.relais.core.api.referral.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferMessagePostedEvent;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Queues the mails that events call for, in the transaction that stores those events (a subscribing processing
 * group): a stored transfer always gets its notice, and a failed mail never fails a command, because sending is
 * {@link MailOutboxSender}'s business, later and with retries.
 */
@Component
@ProcessingGroup(MailOutbox.PROCESSING_GROUP)
@ConditionalOnProperty("spring.mail.host")
class MailOutbox implements ReminderSink {

    static final String PROCESSING_GROUP = "mail-outbox";

    enum Kind { NEW_TRANSFER, REMINDER, OVERDUE, DECLINED, REFUSED, COMPLETED, MESSAGE_TO_PARTNER,
        MESSAGE_TO_COORDINATION }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    MailOutbox(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventHandler
    void on(TransferRequestedEvent event) {
        queue(Kind.NEW_TRANSFER, event.referralId(), event.transferId(), event.partnerId(), event.deadline());
    }

    @EventHandler
    void on(TransferAcknowledgementOverdueEvent event) {
        queue(Kind.OVERDUE, event.referralId(), event.transferId(), event.partnerId(), event.deadline());
    }

    @EventHandler
    void on(TransferDeclinedEvent event) {
        queue(Kind.DECLINED, event.referralId(), event.transferId(), event.partnerId(), null);
    }

    @EventHandler
    void on(TransferCompletedEvent event) {
        queue(event.outcome() == TransferOutcome.REFUSED ? Kind.REFUSED : Kind.COMPLETED, event.referralId(),
                event.transferId(), event.partnerId(), null);
    }

    /** A new message tells the other side that there is one, and where: never what it says. */
    @EventHandler
    void on(TransferMessagePostedEvent event) {
        queue(event.side() == ConversationSide.COORDINATION ? Kind.MESSAGE_TO_PARTNER : Kind.MESSAGE_TO_COORDINATION,
                event.referralId(), event.transferId(), event.partnerId(), null);
    }

    @Override
    public void remind(String referralId, String transferId, String partnerId, Instant dueAt) {
        queue(Kind.REMINDER, referralId, transferId, partnerId, dueAt);
    }

    private void queue(Kind kind, String referralId, String transferId, String partnerId, Instant dueAt) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("""
                        INSERT INTO mail_outbox (id, kind, referral_id, transfer_id, partner_id, due_at, created_at,
                                                 next_attempt_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                UUID.randomUUID().toString(), kind.name(), referralId, transferId, partnerId,
                dueAt == null ? null : Timestamp.from(dueAt), now, now);
    }
}
