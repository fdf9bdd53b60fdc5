package org.relais.app.contact;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.relais.core.api.referral.PersonalDataRectifiedEvent;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.ShareableField;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.referral.ContactIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Indexes the contacts of the cases taken in before the blind index existed (the rows of
 * {@code contact_index_backfill}, listed by the migration that created it), so that a repeat caller's older cases are
 * found too. It runs in the background, a batch at a time, and each case in a transaction of its own that first
 * deletes the case's row: a case erased meanwhile has lost that row (the erasure deletes it first), so it is skipped
 * rather than indexed again. The contacts are opened in memory from the case's own events (the intake, then each
 * rectification) to be hashed, never shown nor logged; a case whose data is erased has nothing to index. Idempotent:
 * two instances that index the same case write the same entries, and a failed case stays listed for the next run.
 */
@Component
public class ContactIndexBackfill {

    private static final Logger log = LoggerFactory.getLogger(ContactIndexBackfill.class);
    private static final int BATCH = 200;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EventStore events;
    private final PersonalDataProtector protector;
    private final ContactIndex contacts;

    ContactIndexBackfill(JdbcTemplate jdbc, PlatformTransactionManager transactions, EventStore events,
                         PersonalDataProtector protector, ContactIndex contacts) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.events = events;
        this.protector = protector;
        this.contacts = contacts;
    }

    /** Works through every listed case; once none is left, each later run is one empty query. */
    @Scheduled(initialDelayString = "${relais.privacy.index-backfill-delay:PT5S}",
            fixedDelayString = "${relais.privacy.index-backfill-interval:PT10M}")
    public void run() {
        int indexed = 0;
        int failed = 0;
        List<String> batch = pending(null);
        while (!batch.isEmpty()) {
            for (String referralId : batch) {
                try {
                    index(referralId);
                    indexed++;
                } catch (RuntimeException e) {
                    failed++;
                    log.warn("Could not index the contacts of case {} yet ({}); it is retried at the next run",
                            referralId, e.getClass().getSimpleName());
                }
            }
            batch = pending(batch.get(batch.size() - 1));
        }
        if (indexed + failed > 0) {
            log.info("Blind index of contacts: {} earlier cases indexed, {} left for the next run", indexed, failed);
        }
    }

    /** The next listed cases after {@code after} (in id order, so that a case that fails is not read again). */
    private List<String> pending(String after) {
        return after == null
                ? jdbc.queryForList("SELECT referral_id FROM contact_index_backfill ORDER BY referral_id LIMIT "
                        + BATCH, String.class)
                : jdbc.queryForList("SELECT referral_id FROM contact_index_backfill WHERE referral_id > ? "
                        + "ORDER BY referral_id LIMIT " + BATCH, String.class, after);
    }

    private void index(String referralId) {
        Optional<Contacts> current = contactsOf(referralId);
        transactions.executeWithoutResult(status -> {
            if (jdbc.update("DELETE FROM contact_index_backfill WHERE referral_id = ?", referralId) == 0) {
                return; // erased, or indexed by another instance, in the meantime
            }
            current.ifPresent(found -> {
                contacts.replace(referralId, found.receivedAt(), ContactIndex.Role.VICTIM, found.victim());
                contacts.replace(referralId, found.receivedAt(), ContactIndex.Role.REPORTER, found.reporter());
            });
        });
    }

    /** The case's current contacts, from its intake and rectifications; empty when its data cannot be opened. */
    private Optional<Contacts> contactsOf(String referralId) {
        Contacts found = null;
        for (DomainEventMessage<?> event : events.readEvents(referralId, 0).asStream().toList()) {
            Object payload = event.getPayload();
            if (payload instanceof ReferralReceivedEvent received) {
                Optional<PersonalDetails> opened = protector.open(referralId, received.personalData());
                if (opened.isEmpty()) {
                    return Optional.empty();
                }
                found = new Contacts(event.getTimestamp(), opened.get().victimContact(),
                        opened.get().reporterContact());
            } else if (payload instanceof PersonalDataRectifiedEvent rectified && found != null) {
                Optional<PersonalDetails> opened = protector.open(referralId, rectified.values());
                if (opened.isEmpty()) {
                    return Optional.empty();
                }
                found = found.rectified(rectified, opened.get());
            }
        }
        return Optional.ofNullable(found);
    }

    private record Contacts(Instant receivedAt, String victim, String reporter) {

        Contacts rectified(PersonalDataRectifiedEvent event, PersonalDetails values) {
            return new Contacts(receivedAt,
                    event.fields().contains(ShareableField.VICTIM_CONTACT) ? values.victimContact() : victim,
                    event.fields().contains(ShareableField.REPORTER_CONTACT) ? values.reporterContact() : reporter);
        }
    }
}
