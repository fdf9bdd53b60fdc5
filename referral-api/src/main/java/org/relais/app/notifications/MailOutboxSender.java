package org.relais.app.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.relais.core.api.referral.CoordinatorAssignedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.app.config.RelaisProperties;
import org.relais.app.eventstore.SqlTimes;
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
        CaseFacts facts = facts(referralId);
        String reference = facts.reference();
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
                message.setTo(coordination(facts));
                message.setSubject("[Relais] Transfert en retard / Overdue transfer " + reference);
                message.setText("""
                        Le partenaire %s n'a pas accusé réception avant l'échéance. / Partner %s did not acknowledge in time.

                        Référence / Reference: %s
                        Échéance / Deadline: %s

                        %s/ui/cases/%s
                        """.formatted(partnerId, partnerId, reference, deadline, properties.publicUrl(), referralId));
            }
            case DECLINED, REFUSED, COMPLETED, MESSAGE_TO_COORDINATION -> {
                message.setTo(coordination(facts));
                message.setSubject("[Relais] " + SUBJECTS.get(kind) + " " + reference);
                message.setText("""
                        %s / Partner: %s

                        Référence / Reference: %s

                        %s/ui/cases/%s
                        """.formatted(SUBJECTS.get(kind), partnerId, reference, properties.publicUrl(), referralId));
            }
            case MESSAGE_TO_PARTNER -> {
                message.setTo(addresses(properties.partners().get(partnerId)));
                message.setSubject("[Relais] Nouveau message / New message " + reference);
                message.setText("""
                        La coordination vous a écrit au sujet de ce dossier. / The coordination wrote to you about this case.

                        Référence / Reference: %s

                        %s/ui/cases/%s
                        """.formatted(reference, properties.publicUrl(), referralId));
            }
        }
        return message;
    }

    private static final Map<MailOutbox.Kind, String> SUBJECTS = Map.of(
            MailOutbox.Kind.DECLINED, "Transfert refusé / Transfer declined",
            MailOutbox.Kind.REFUSED, "Retrait refusé / Removal refused",
            MailOutbox.Kind.COMPLETED, "Transfert terminé / Transfer completed",
            MailOutbox.Kind.MESSAGE_TO_COORDINATION, "Message du partenaire / Message from the partner");

    /** What a mail needs of a case: its reference and who follows it, read from its events when the mail is sent. */
    private record CaseFacts(String reference, String assignedCoordinator) {
    }

    private CaseFacts facts(String referralId) {
        String reference = referralId;
        String assigned = null;
        for (Object event : eventStore.readEvents(referralId).asStream().map(e -> e.getPayload()).toList()) {
            if (event instanceof ReferralReceivedEvent received) {
                reference = received.reference();
            } else if (event instanceof CoordinatorAssignedEvent assignment) {
                assigned = assignment.coordinator();
            }
        }
        return new CaseFacts(reference, assigned);
    }

    /**
     * The coordinator the case is assigned to, if their address is configured; otherwise the coordinators' addresses
     * (nobody is assigned, or the assigned one has none: the news must reach someone).
     */
    private String[] coordination(CaseFacts facts) {
        String own = facts.assignedCoordinator() == null ? null : properties.users().get(facts.assignedCoordinator());
        return own != null ? new String[] {own} : addresses(properties.coordinators());
    }

    private static String[] addresses(List<String> addresses) {
        return addresses == null ? new String[0] : addresses.toArray(String[]::new);
    }
}
