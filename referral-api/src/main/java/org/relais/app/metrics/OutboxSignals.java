package org.relais.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.relais.app.notifications.MailAttempted;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The mail outbox: {@code relais_mail_outbox_depth} (mails queued and not sent yet, read from the outbox table at
 * each scrape), {@code relais_mail_outbox_failing} (among them, those whose last attempt failed) and
 * {@code relais_mail_sends_total{outcome=ok|error}} (attempts by this instance). All stay at 0 while no mail server
 * is configured.
 */
@Component
class OutboxSignals {

    private final JdbcTemplate jdbc;
    private final Counter sent;
    private final Counter failed;

    OutboxSignals(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        Gauge.builder("relais.mail.outbox.depth", this, signals -> signals.count("sent_at IS NULL"))
                .description("Mails queued and not sent yet").register(registry);
        Gauge.builder("relais.mail.outbox.failing", this, signals -> signals.count("sent_at IS NULL AND attempts > 0"))
                .description("Mails not sent yet whose last attempt failed").register(registry);
        this.sent = sends(registry, CommandSignals.OK);
        this.failed = sends(registry, CommandSignals.ERROR);
    }

    private static Counter sends(MeterRegistry registry, String outcome) {
        return Counter.builder("relais.mail.sends").description("Attempts to send a queued mail")
                .tag("outcome", outcome).register(registry);
    }

    private double count(String condition) {
        try {
            Long count = jdbc.queryForObject("SELECT COUNT(*) FROM mail_outbox WHERE " + condition, Long.class);
            return count == null ? Double.NaN : count;
        } catch (RuntimeException unreachable) {
            return Double.NaN;
        }
    }

    @EventListener
    void on(MailAttempted attempt) {
        (attempt.sent() ? sent : failed).increment();
    }
}
