package org.relais.app.deadlines;

import static org.relais.app.eventstore.SqlTimes.sql;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.referral.DeadlineRescheduledEvent;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.partner.DeadlineCalendar;
import org.relais.core.partner.PartnerDirectory;
import org.relais.core.partner.PartnerTerms;
import org.relais.app.eventstore.SqlTimes;
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
    private final PartnerDirectory partners;

    TransferDeadlineSchedule(JdbcTemplate jdbc, DeadlineProperties properties, Clock clock,
                             PartnerDirectory partners) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.partners = partners;
    }

    @EventHandler
    void on(TransferRequestedEvent event) {
        // the service clock the aggregate computed the deadline with; this handler runs in the command's thread
        Instant requestedAt = clock.instant();
        Instant remindAt = remindAt(event.partnerId(), requestedAt, event.deadline());
        jdbc.update("""
                        INSERT INTO transfer_deadline (referral_id, transfer_id, partner_id, requested_at, due_at, remind_at)
                        SELECT ?, ?, ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM transfer_deadline WHERE referral_id = ? AND transfer_id = ?)""",
                event.referralId(), event.transferId(), event.partnerId(), sql(requestedAt),
                sql(event.deadline()), remindAt == null ? null : sql(remindAt),
                event.referralId(), event.transferId());
    }

    /**
     * Follows the transfer's deadline when the partner's agreement moves it: a paused row is neither due nor
     * reminded; a restarted or recomputed one gets its new due time, a new reminder if none was sent yet, and loses
     * any claim on the old one.
     */
    @EventHandler
    void on(DeadlineRescheduledEvent event, @Timestamp Instant at) {
        if (event.deadline() == null) {
            jdbc.update("UPDATE transfer_deadline SET paused_at = ?, claimed_by = NULL, claimed_until = NULL "
                            + "WHERE referral_id = ? AND transfer_id = ? AND resolved_at IS NULL",
                    sql(at), event.referralId(), event.transferId());
            return;
        }
        Instant remindAt = remindAt(event.partnerId(), clock.instant(), event.deadline());
        jdbc.update("""
                        UPDATE transfer_deadline SET paused_at = NULL, due_at = ?,
                          remind_at = CASE WHEN reminded_at IS NULL THEN ? ELSE remind_at END,
                          claimed_by = NULL, claimed_until = NULL
                        WHERE referral_id = ? AND transfer_id = ? AND resolved_at IS NULL""",
                sql(event.deadline()), remindAt == null ? null : sql(remindAt), event.referralId(),
                event.transferId());
    }

    /**
     * When the configured share of the partner's open time from {@code from} to the deadline has passed: a request
     * made at 22:00 with four open hours is reminded during the next morning's service, not at 01:00 while the
     * office is closed. Wall-clock time if the partner's terms cannot be read.
     */
    private Instant remindAt(String partnerId, Instant from, Instant deadline) {
        Double share = properties.reminderShare();
        if (share == null || share <= 0 || share >= 1 || !deadline.isAfter(from)) {
            return null;
        }
        AgreementTerms terms = partners.currentTerms(partnerId).map(PartnerTerms::agreement).orElse(null);
        if (terms == null) {
            long millis = Duration.between(from, deadline).toMillis();
            return from.plusMillis(Math.round(millis * share));
        }
        Duration open = DeadlineCalendar.openTimeBetween(terms, from, deadline);
        return DeadlineCalendar.deadline(terms, from, Duration.ofMillis(Math.round(open.toMillis() * share)));
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
