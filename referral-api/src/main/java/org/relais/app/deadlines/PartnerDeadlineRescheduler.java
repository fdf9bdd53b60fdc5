package org.relais.app.deadlines;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.partner.AgreementAmendedEvent;
import org.relais.core.api.partner.AgreementResumedEvent;
import org.relais.core.api.partner.AgreementSuspendedEvent;
import org.relais.core.api.referral.DeadlineRescheduleReason;
import org.relais.core.api.referral.RescheduleDeadlineCommand;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Carries a partner's agreement changes to the deadlines of its open transfers: a suspension pauses them, a
 * resumption restarts them, an amendment recomputes them on the new calendar. The Partner and the Referral are two
 * aggregates, so one cannot change the other in its own transaction; this handler sends each open transfer of the
 * partner a {@link RescheduleDeadlineCommand} and the referral decides what changes.
 * <p>
 * The open transfers are found in the write side's own table of open deadlines (kept by
 * {@link TransferDeadlineSchedule} in the transaction of each transfer event), not in a read model that might lag.
 * The processor is a streaming one, with its token stored like every other: after a crash or a restart it handles
 * again the events since its last stored token, and a command sent twice changes nothing, because the referral
 * compares the deadline with the partner's status and calendar as they are now rather than trusting the event
 * that triggered it. For the same reason events handled late or out of order (a resumption read before the
 * suspension's commands were all sent) leave each deadline as the partner's current state says. A transfer
 * requested between the change and this handler already got its deadline from the new terms.
 */
@Component
@ProcessingGroup(PartnerDeadlineRescheduler.PROCESSING_GROUP)
class PartnerDeadlineRescheduler {

    static final String PROCESSING_GROUP = "partner-deadline-rescheduling";
    private static final Map<String, String> SYSTEM = Map.of(ActorMetadata.USER, "system:deadlines",
            ActorMetadata.ROLE, "SYSTEM");

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    /**
     * The commands run on a thread of their own, each in a unit of work and a transaction of its own that commits
     * before the next one, and releases its referral's lock at once. Sent from the handler's thread they would be
     * nested in the processor's unit of work, which keeps their referrals locked until the end of the batch: a
     * coordinator's command on one of those cases then took the one writer of the write side and waited for the
     * lock, while the batch's next command waited for the writer, until the janitor interrupted the batch.
     */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "deadline-rescheduling");
        thread.setDaemon(true);
        return thread;
    });

    PartnerDeadlineRescheduler(JdbcTemplate jdbc, CommandGateway commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
    }

    @EventHandler
    void on(AgreementSuspendedEvent event) {
        reschedule(event.partnerId(), DeadlineRescheduleReason.SUSPENDED);
    }

    @EventHandler
    void on(AgreementResumedEvent event) {
        reschedule(event.partnerId(), DeadlineRescheduleReason.RESUMED);
    }

    @EventHandler
    void on(AgreementAmendedEvent event) {
        reschedule(event.partnerId(), DeadlineRescheduleReason.CALENDAR_AMENDED);
    }

    /**
     * A failure propagates, so the processor retries the event: commands already sent are then no-ops, and no open
     * transfer is left with a deadline its partner's state no longer justifies.
     */
    private void reschedule(String partnerId, DeadlineRescheduleReason reason) {
        List<Map<String, Object>> open = jdbc.queryForList("""
                SELECT referral_id, transfer_id FROM transfer_deadline
                WHERE partner_id = ? AND resolved_at IS NULL ORDER BY referral_id, transfer_id""", partnerId);
        for (Map<String, Object> row : open) {
            CommandMessage<?> command = GenericCommandMessage.asCommandMessage(new RescheduleDeadlineCommand(
                    (String) row.get("referral_id"), (String) row.get("transfer_id"), reason)).andMetaData(SYSTEM);
            try {
                sender.submit(() -> commands.sendAndWait(command)).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while rescheduling a deadline", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure
                        : new IllegalStateException("a deadline could not be rescheduled", e.getCause());
            }
        }
    }
}
