package org.relais.web.privacy;

import static org.relais.web.deadline.SqlTimes.sql;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.RequestErasureCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Erases the personal data of cases closed for longer than the retention period, through the same command an
 * administrator would send, so that the erasure is an event in the case's history like any other.
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
        List<String> expired = jdbc.queryForList(
                "SELECT referral_id FROM retention_schedule WHERE erase_after <= ? ORDER BY erase_after",
                String.class, sql(clock.instant()));
        int erased = 0;
        for (String referralId : expired) {
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                        new RequestErasureCommand(referralId, null)).andMetaData(SYSTEM));
                erased++;
            } catch (RuntimeException e) {
                log.warn("Retention could not erase referral {}: {}", referralId, e.getClass().getSimpleName());
            }
        }
        return erased;
    }
}
