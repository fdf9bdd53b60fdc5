package org.relais.app.privacy;

import java.time.Clock;
import java.time.Duration;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralErasureRequestedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.referral.ContactIndex;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static org.relais.app.eventstore.SqlTimes.sql;

/**
 * Carries out erasure and keeps the retention schedule, in the transaction that stores the events (a subscribing
 * processing group): once a {@code ReferralErasureRequestedEvent} is stored, the subject's data key is destroyed
 * with it, and every copy of the personal data, in events and read models alike, is unreadable: on this instance
 * from the commit, on the others once their cached copy of the key expires (half a second). Copies of the wrapped key
 * in backups open until the master-key epoch that wrapped it is destroyed ({@link MasterKeyEpochs}). The history
 * itself still replays: only the ciphertext stays, with nothing to open it. The case's entries in the blind index of
 * contacts are deleted in the same transaction.
 */
@Component
@ProcessingGroup(PersonalDataErasure.PROCESSING_GROUP)
class PersonalDataErasure {

    static final String PROCESSING_GROUP = "personal-data-erasure";

    private final PersonalDataProtector protector;
    private final JdbcTemplate jdbc;
    private final RetentionProperties retention;
    private final Clock clock;
    private final ContactIndex contacts;

    PersonalDataErasure(PersonalDataProtector protector, JdbcTemplate jdbc, RetentionProperties retention,
                        Clock clock, ContactIndex contacts) {
        this.protector = protector;
        this.jdbc = jdbc;
        this.retention = retention;
        this.clock = clock;
        this.contacts = contacts;
    }

    @EventHandler
    void on(ReferralErasureRequestedEvent event) {
        protector.erase(event.referralId());
        jdbc.update("DELETE FROM retention_schedule WHERE referral_id = ?", event.referralId());
        // an erased case is no longer anybody's earlier case, and its contacts can no longer be matched to it
        contacts.forget(event.referralId());
    }

    @EventHandler
    void on(ReferralClosedEvent event) {
        Duration period = retention.afterClosure();
        jdbc.update("DELETE FROM retention_schedule WHERE referral_id = ?", event.referralId());
        jdbc.update("INSERT INTO retention_schedule (referral_id, erase_after) VALUES (?, ?)", event.referralId(),
                sql(clock.instant().plus(period)));
    }

    @EventHandler
    void on(ReferralReopenedEvent event) {
        jdbc.update("DELETE FROM retention_schedule WHERE referral_id = ?", event.referralId());
    }
}
