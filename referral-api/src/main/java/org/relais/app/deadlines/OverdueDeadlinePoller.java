package org.relais.app.deadlines;

import static org.relais.app.eventstore.SqlTimes.sql;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.referral.MarkTransferOverdueCommand;
import org.relais.app.eventstore.SqlTimes;
import org.relais.app.notifications.ReminderSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Flags transfers whose acknowledgement deadline has passed. Every instance polls; a due row is first claimed with
 * a conditional update, so normally one instance sends the command, and if two ever do (a claim expired while the
 * first was slow), the aggregate stores the overdue event once and ignores the other. A deadline that fell due
 * while no instance ran is simply due at the next poll after start. A deadline paused while its partner is suspended
 * is never due.
 */
@Component
public class OverdueDeadlinePoller {

    private static final Logger log = LoggerFactory.getLogger(OverdueDeadlinePoller.class);
    private static final Map<String, String> SYSTEM = Map.of(ActorMetadata.USER, "system:deadlines",
            ActorMetadata.ROLE, "SYSTEM");

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final Clock clock;
    private final DeadlineProperties properties;
    private final ObjectProvider<ReminderSink> reminders;
    private final String instanceId = UUID.randomUUID().toString();

    OverdueDeadlinePoller(JdbcTemplate jdbc, CommandGateway commands, Clock clock, DeadlineProperties properties,
                          ObjectProvider<ReminderSink> reminders) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.clock = clock;
        this.properties = properties;
        this.reminders = reminders;
    }

    @Scheduled(fixedDelayString = "${relais.deadlines.poll-interval:PT1S}")
    void scheduledPoll() {
        try {
            flagDueTransfers();
            remindLiaisons();
        } catch (RuntimeException e) {
            log.warn("Deadline poll failed; next poll retries: {}", e.getClass().getSimpleName());
        }
    }

    /** Sends the overdue command for every due deadline this instance could claim; answers how many. */
    public int flagDueTransfers() {
        Instant now = clock.instant();
        List<Map<String, Object>> due = jdbc.queryForList("""
                SELECT referral_id, transfer_id FROM transfer_deadline
                WHERE resolved_at IS NULL AND paused_at IS NULL AND due_at <= ?
                  AND (claimed_until IS NULL OR claimed_until < ?)
                ORDER BY due_at""", sql(now), sql(now));
        int flagged = 0;
        for (Map<String, Object> row : due.subList(0, Math.min(due.size(), properties.batchSize()))) {
            String referralId = (String) row.get("referral_id");
            String transferId = (String) row.get("transfer_id");
            if (!claim(referralId, transferId, now)) {
                continue;
            }
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                        new MarkTransferOverdueCommand(referralId, transferId)).andMetaData(SYSTEM));
                flagged++;
            } catch (RuntimeException e) {
                // the claim expires and a later poll (here or elsewhere) tries again
                log.warn("Could not flag an overdue transfer of referral {}: {}", referralId,
                        e.getClass().getSimpleName());
            }
        }
        return flagged;
    }

    /** Queues a reminder for transfers past the configured share of their time, once each. */
    public int remindLiaisons() {
        ReminderSink sink = reminders.getIfAvailable();
        if (sink == null || properties.reminderShare() == null) {
            return 0;
        }
        Instant now = clock.instant();
        List<Map<String, Object>> due = jdbc.queryForList("""
                SELECT referral_id, transfer_id, partner_id, due_at FROM transfer_deadline
                WHERE resolved_at IS NULL AND paused_at IS NULL AND reminded_at IS NULL AND remind_at <= ?""", sql(now));
        int reminded = 0;
        for (Map<String, Object> row : due) {
            String referralId = (String) row.get("referral_id");
            String transferId = (String) row.get("transfer_id");
            int marked = jdbc.update("UPDATE transfer_deadline SET reminded_at = ? WHERE referral_id = ? "
                    + "AND transfer_id = ? AND reminded_at IS NULL", sql(now), referralId, transferId);
            if (marked == 1) {
                sink.remind(referralId, transferId, (String) row.get("partner_id"),
                        SqlTimes.instant(row.get("due_at")));
                reminded++;
            }
        }
        return reminded;
    }

    private boolean claim(String referralId, String transferId, Instant now) {
        return jdbc.update("""
                        UPDATE transfer_deadline SET claimed_by = ?, claimed_until = ?
                        WHERE referral_id = ? AND transfer_id = ? AND resolved_at IS NULL
                          AND (claimed_until IS NULL OR claimed_until < ?)""",
                instanceId, sql(now.plus(properties.claimDuration())), referralId, transferId, sql(now)) == 1;
    }
}
