package org.relais.app.privacy;

import static org.relais.app.eventstore.SqlTimes.sql;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.referral.ErasureGround;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.RequestErasureCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Erases the personal data of cases closed for longer than the retention period, through the same command an
 * administrator would send, so that the erasure is an event in the case's history like any other.
 *
 * <p>The schedule it reads is only a hint: a case may be reopened between the read and the command. The command
 * says it is an erasure at retention expiry, and the case accepts it only if it is still closed for the whole period.
 */
@Component
public class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private static final Map<String, String> SYSTEM = Map.of(ActorMetadata.USER, "system:retention",
            ActorMetadata.ROLE, "SYSTEM");

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final Clock clock;

    RetentionJob(JdbcTemplate jdbc, CommandGateway commands, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${relais.retention.check-interval:PT1H}", initialDelayString = "PT30S")
    void scheduled() {
        try {
            eraseExpired();
        } catch (RuntimeException e) {
            log.warn("Retention check failed; the next one retries: {}", e.getClass().getSimpleName());
        }
    }

    /** Sends the erasure of every case whose retention ran out; answers how many. */
    public int eraseExpired() {
        return erase(dueForErasure());
    }

    /** The cases whose retention ran out according to the schedule, oldest first. */
    List<String> dueForErasure() {
        return jdbc.queryForList(
                "SELECT referral_id FROM retention_schedule WHERE erase_after <= ? ORDER BY erase_after",
                String.class, sql(clock.instant()));
    }

    /** Sends the erasure of each case at retention expiry; answers how many the cases accepted. */
    int erase(List<String> referralIds) {
        int erased = 0;
        for (String referralId : referralIds) {
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                        new RequestErasureCommand(referralId, null, ErasureGround.RETENTION_EXPIRY)).andMetaData(SYSTEM));
                erased++;
            } catch (CommandExecutionException e) {
                if (code(e).filter(ErrorCode.RETENTION_NOT_EXPIRED::equals).isPresent()) {
                    log.info("Retention kept referral {}: it was reopened or closed again since the schedule was read",
                            referralId);
                } else {
                    log.warn("Retention could not erase referral {}: {}", referralId, code(e).map(Enum::name)
                            .orElse(e.getClass().getSimpleName()));
                }
            } catch (RuntimeException e) {
                log.warn("Retention could not erase referral {}: {}", referralId, e.getClass().getSimpleName());
            }
        }
        return erased;
    }

    private static Optional<ErrorCode> code(CommandExecutionException e) {
        return e.getDetails().filter(ErrorCode.class::isInstance).map(ErrorCode.class::cast);
    }
}
