package org.relais.web.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.relais.core.api.ReferralReceivedEvent;
import org.relais.web.config.RelaisProperties;
import org.relais.web.deadline.SqlTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what {@link MailOutbox} queued, and retries with a growing pause while the SMTP server does not take it.
 * Mails carry a case's reference, a deadline and a link, never personal data: the people concerned read the case
 * in Relais, where access is checked and logged.
 */
@Component
@ConditionalOnProperty("spring.mail.host")
public class MailOutboxSender {

    private static final Logger log = LoggerFactory.getLogger(MailOutboxSender.class);
    private static final Duration CLAIM = Duration.ofMinutes(1);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    private final JdbcTemplate jdbc;
    private final JavaMailSender mail;
    private final EventStore eventStore;
    private final NotificationProperties properties;
    private final RelaisProperties relais;
    private final Clock clock;

    MailOutboxSender(JdbcTemplate jdbc, JavaMailSender mail, EventStore eventStore, NotificationProperties properties,
                     RelaisProperties relais, Clock clock) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.eventStore = eventStore;
        this.properties = properties;
        this.relais = relais;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${relais.notifications.send-interval:PT2S}")
    void scheduledSend() {
        try {
            sendPending();
        } catch (RuntimeException e) {
            log.warn("Sending notifications failed; next round retries: {}", e.getClass().getSimpleName());
        }
    }

    /** Sends every pending mail this instance could claim; answers how many went out. */
    public int sendPending() {
        Instant now = clock.instant();
        List<Map<String, Object>> pending = jdbc.queryForList("""
                SELECT id, kind, referral_id, partner_id, due_at, attempts FROM mail_outbox
                WHERE sent_at IS NULL AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
                ORDER BY created_at""", Timestamp.from(now), Timestamp.from(now));
        int sent = 0;
        for (Map<String, Object> row : pending) {
            String id = (String) row.get("id");
            if (jdbc.update("UPDATE mail_outbox SET claimed_until = ? WHERE id = ? AND sent_at IS NULL "
                    + "AND (claimed_until IS NULL OR claimed_until < ?)", Timestamp.from(now.plus(CLAIM)), id,
                    Timestamp.from(now)) != 1) {
                continue;
            }
            int attempts = ((Number) row.get("attempts")).intValue();
            try {
                SimpleMailMessage message = compose(MailOutbox.Kind.valueOf((String) row.get("kind")),
                        (String) row.get("referral_id"), (String) row.get("partner_id"),
                        SqlTimes.instant(row.get("due_at")));
                if (message.getTo() != null && message.getTo().length > 0) {
                    mail.send(message);
                    sent++;
                }
                jdbc.update("UPDATE mail_outbox SET sent_at = ?, attempts = ? WHERE id = ?",
                        Timestamp.from(clock.instant()), attempts + 1, id);
            } catch (MailException e) {
                Duration pause = backoff(attempts + 1);
                jdbc.update("UPDATE mail_outbox SET attempts = ?, next_attempt_at = ?, claimed_until = NULL WHERE id = ?",
                        attempts + 1, Timestamp.from(clock.instant().plus(pause)), id);
                log.warn("SMTP refused a notification (attempt {}); retrying in {} s", attempts + 1, pause.toSeconds());
            }
        }
        return sent;
    }

    private Duration backoff(int attempts) {
        Duration pause = properties.sendInterval().multipliedBy(1L << Math.min(attempts, 10));
        return pause.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : pause;
    }

    private SimpleMailMessage compose(MailOutbox.Kind kind, String referralId, String partnerId, Instant dueAt) {
        String reference = reference(referralId);
        String deadline = dueAt == null ? "" : WHEN.format(dueAt.atZone(relais.timeZone()));
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.from());
        switch (kind) {
            case NEW_TRANSFER -> {
                message.setTo(addresses(properties.partners().get(partnerId)));
                message.setSubject("[Relais] Nouveau transfert / New transfer " + reference);
                message.setText("""
                        Un dossier a été transmis à votre organisation. / A case was transferred to your organisation.

                        Référence / Reference: %s
                        Accusé de réception attendu avant / Please acknowledge before: %s

                        %s/ui/inbox
                        """.formatted(reference, deadline, properties.publicUrl()));
            }
            case REMINDER -> {
                message.setTo(addresses(properties.partners().get(partnerId)));
                message.setSubject("[Relais] Rappel / Reminder " + reference);
                message.setText("""
                        Ce transfert attend toujours votre accusé de réception. / This transfer still awaits your acknowledgement.

                        Référence / Reference: %s
                        Échéance / Deadline: %s

                        %s/ui/inbox
                        """.formatted(reference, deadline, properties.publicUrl()));
            }
            case OVERDUE -> {
                message.setTo(addresses(properties.coordinators()));
                message.setSubject("[Relais] Transfert en retard / Overdue transfer " + reference);
                message.setText("""
                        Le partenaire %s n'a pas accusé réception avant l'échéance. / Partner %s did not acknowledge in time.

                        Référence / Reference: %s
                        Échéance / Deadline: %s

                        %s/ui/cases/%s
                        """.formatted(partnerId, partnerId, reference, deadline, properties.publicUrl(), referralId));
            }
        }
        return message;
    }

    private String reference(String referralId) {
        return eventStore.readEvents(referralId).asStream()
                .map(event -> event.getPayload())
                .filter(ReferralReceivedEvent.class::isInstance)
                .map(event -> ((ReferralReceivedEvent) event).reference())
                .findFirst().orElse(referralId);
    }

    private static String[] addresses(List<String> addresses) {
        return addresses == null ? new String[0] : addresses.toArray(String[]::new);
    }
}
