package org.relais.web.deadline;

import static org.relais.web.deadline.SqlTimes.sql;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.relais.core.api.TransferAcknowledgedEvent;
import org.relais.core.api.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.TransferCancelledEvent;
import org.relais.core.api.TransferDeclinedEvent;
import org.relais.core.api.TransferRequestedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the table of open acknowledgement deadlines. Why a table and not Axon's deadline manager: this processing
 * group is a <em>subscribing</em> one, so these writes happen in the very transaction that stores the transfer's
 * events. A deadline therefore exists if and only if its transfer does, survives a kill -9 with it, and is settled
 * atomically with the acknowledgement, decline, cancellation or overdue flag. Any number of instances poll the table
 * and claim rows (see {@link OverdueDeadlinePoller}); the aggregate ignores a second flag, so a deadline that
 * fires twice still stores one event.
 */
@Component
@ProcessingGroup(TransferDeadlineSchedule.PROCESSING_GROUP)
class TransferDeadlineSchedule {

    static final String PROCESSING_GROUP = "transfer-deadlines";

    private final JdbcTemplate jdbc;
    private final DeadlineProperties properties;
    private final Clock clock;

    TransferDeadlineSchedule(JdbcTemplate jdbc, DeadlineProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @EventHandler
    void on(TransferRequestedEvent event) {
        // the service clock the aggregate computed the deadline with; this handler runs in the command's thread
        Instant requestedAt = clock.instant();
        Instant remindAt = null;
        if (properties.reminderShare() != null && properties.reminderShare() > 0 && properties.reminderShare() < 1) {
            long millis = Duration.between(requestedAt, event.deadline()).toMillis();
            remindAt = requestedAt.plusMillis(Math.round(millis * properties.reminderShare()));
        }
        jdbc.update("""
                        INSERT INTO transfer_deadline (referral_id, transfer_id, partner_id, requested_at, due_at, remind_at)
                        SELECT ?, ?, ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM transfer_deadline WHERE referral_id = ? AND transfer_id = ?)""",
                event.referralId(), event.transferId(), event.partnerId(), sql(requestedAt),
                sql(event.deadline()), remindAt == null ? null : sql(remindAt),
                event.referralId(), event.transferId());
    }

    @EventHandler
    void on(TransferAcknowledgedEvent event, @Timestamp Instant at) {
        settle(event.referralId(), event.transferId(), at);
    }

    @EventHandler
    void on(TransferDeclinedEvent event, @Timestamp Instant at) {
        settle(event.referralId(), event.transferId(), at);
    }

    @EventHandler
    void on(TransferCancelledEvent event, @Timestamp Instant at) {
        settle(event.referralId(), event.transferId(), at);
    }

    @EventHandler
    void on(TransferAcknowledgementOverdueEvent event, @Timestamp Instant at) {
        settle(event.referralId(), event.transferId(), at);
    }

    private void settle(String referralId, String transferId, Instant at) {
        jdbc.update("UPDATE transfer_deadline SET resolved_at = ? WHERE referral_id = ? AND transfer_id = ? "
                + "AND resolved_at IS NULL", sql(at), referralId, transferId);
    }
}
