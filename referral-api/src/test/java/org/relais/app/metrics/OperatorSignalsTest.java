package org.relais.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relais.app.consistency.ConsistentReads;
import org.relais.app.support.HttpCall;
import org.relais.app.support.LogCapture;
import org.relais.app.support.MutableClock;
import org.relais.app.support.PersonalData;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The signals an operator watches, read from {@code /actuator/prometheus} as a scraper reads them, before and after
 * real work over HTTP through the whole application: commands that succeed and one that is refused, a transfer
 * declined and one left to go overdue (on a clock the test moves), an erasure, a verification, a backup, reads that
 * wait for the read models and one that times out, and mails that a mail server which is not there refuses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "relais.notifications.partners.demo-platform[0]=trust-safety@platform.example",
        "relais.notifications.coordinators[0]=coordination@relais.example",
        "relais.notifications.send-interval=PT0.2S",
        "relais.http.consistency-wait=PT0.5S"})
@ActiveProfiles({"demo", "fast-passwords"})
@ExtendWith(LogCapture.class)
class OperatorSignalsTest {

    static final Path DATA_DIR = TestDataDirs.create("operator-signals");
    static final String PLATFORM_TRANSFER = """
            {"partnerId": "demo-platform", "purpose": "CONTENT_REMOVAL", "legalBasis": "CONSENT",
             "sharedFields": ["contentUrls"], "message": "%s"}""".formatted(PersonalData.FREE_TEXT);

    @TestConfiguration
    static class MovableClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneId.of("Europe/Paris"));
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", DATA_DIR::toString);
        registry.add("relais.backup.dir", () -> DATA_DIR.resolveSibling(DATA_DIR.getFileName() + "-backups")
                .toString());
        // a mail server that is not there: every mail fails, and waits in the outbox
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", OperatorSignalsTest::closedPort);
    }

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    MutableClock clock;

    @Test
    void every_signal_is_served_to_the_scraper_and_moves_with_the_work_done() {
        Scrape before = scrape();
        assertThat(before.find("relais_processor_lag_events", "processor", "read-models")).as("lag gauges")
                .hasSize(1);
        assertThat(before.find("relais_processor_lag_seconds", "processor", "read-models")).hasSize(1);
        assertThat(before.sum("relais_backup_age_seconds")).as("no backup yet").isPresent();
        assertThat(before.sum("relais_backup_age_seconds").getAsDouble()).as("no backup yet: NaN").isNaN();

        // a case with consent, a transfer the platform declines, and a transfer it leaves unanswered
        HttpCall.Reply intake = ok(post("/api/referrals", "coordinator", PersonalData.intake()), 201);
        String declined = consentedCase(intake.text("referralId"));
        String declinedTransfer = transfer(declined);
        ok(post("/api/referrals/" + declined + "/transfers/" + declinedTransfer + "/decline", "platform",
                "{\"reason\": \"Not hosted by us\"}"), 200);
        String overdue = consentedCase(ok(post("/api/referrals", "coordinator", PersonalData.intake()), 201)
                .text("referralId"));
        transfer(overdue);

        // refused: a transfer of a case whose consent nobody gave
        String noConsent = ok(post("/api/referrals", "coordinator", PersonalData.intake()), 201).text("referralId");
        HttpCall.Reply triaged =
                ok(post("/api/referrals/" + noConsent + "/triage", "coordinator", "{\"riskLevel\": \"HIGH\"}"), 200);
        HttpCall.Reply refused = post("/api/referrals/" + noConsent + "/transfers", "coordinator", PLATFORM_TRANSFER);
        assertThat(refused.status()).as(refused.toString()).isBetween(400, 499);
        String refusal = refused.text("code");

        // a read that waits for its write, and one that asks for a position never reached
        assertThat(HttpCall.get(port, "/api/referrals/" + noConsent).as("coordinator")
                .header(ConsistentReads.CONSISTENT_WITH, triaged.text("position")).send().status()).isEqualTo(200);
        HttpCall.Reply behind = HttpCall.get(port, "/api/referrals/" + noConsent).as("coordinator")
                .header(ConsistentReads.CONSISTENT_WITH, "999999999999").send();
        assertThat(behind.status()).isEqualTo(503);
        assertThat(behind.text("code")).isEqualTo("READ_MODELS_BEHIND");

        ok(post("/api/referrals/" + noConsent + "/erasure", "admin", "{\"reason\": \"data subject request\"}"), 200);
        HttpCall.Reply verification = ok(HttpCall.get(port, "/api/audit/verification").as("auditor").send(), 200);
        assertThat(verification.json().get("valid").asBoolean()).isTrue();
        ok(HttpCall.post(port, "/api/admin/backups").as("admin").send(), 201);

        clock.advance(Duration.ofMinutes(61)); // the platform's acknowledgement time is one hour, always open

        Scrape after = await().atMost(Duration.ofSeconds(30)).until(this::scrape, now ->
                now.count("relais_deadlines_fired_total", "outcome", "ok")
                        > before.count("relais_deadlines_fired_total", "outcome", "ok")
                        && now.count("relais_transfers_overdue_open") >= 1
                        && now.count("relais_mail_sends_total", "outcome", "error") > 0
                        && now.count("relais_processor_lag_events", "processor", "read-models") == 0);

        // commands, by type and outcome, and their latency
        assertThat(after.count("relais_commands_total", "command", "ReceiveReferralCommand", "outcome", "ok")
                - before.count("relais_commands_total", "command", "ReceiveReferralCommand", "outcome", "ok"))
                .isEqualTo(3);
        assertThat(after.count("relais_commands_total", "command", "RequestTransferCommand", "outcome", refusal))
                .as("the refusal, by its error code " + refusal).isEqualTo(1);
        assertThat(after.count("relais_commands_total", "command", "DeclineTransferCommand", "outcome", "ok"))
                .isEqualTo(1);
        assertThat(after.count("relais_command_duration_seconds_count", "command", "ReceiveReferralCommand"))
                .isGreaterThanOrEqualTo(3);
        assertThat(after.find("relais_command_duration_seconds_bucket", "command", "ReceiveReferralCommand"))
                .as("latency histogram").isNotEmpty();

        // events appended, erasures
        assertThat(after.count("relais_events_appended_total", "event", "ReferralReceivedEvent")
                - before.count("relais_events_appended_total", "event", "ReferralReceivedEvent")).isEqualTo(3);
        assertThat(after.count("relais_events_appended_total")).isGreaterThan(before.count("relais_events_appended_total"));
        assertThat(after.count("relais_erasures_total") - before.count("relais_erasures_total")).isEqualTo(1);

        // processors caught up again
        assertThat(after.sum("relais_processor_lag_seconds", "processor", "read-models")).hasValue(0);

        // read-your-writes waits and the time-out
        assertThat(after.count("relais_consistency_wait_seconds_count", "outcome", "reached")).isPositive();
        assertThat(after.count("relais_consistency_wait_seconds_count", "outcome", "timed_out")).isEqualTo(1);
        assertThat(after.count("relais_consistency_timeouts_total")).isEqualTo(1);

        // deadlines and overdue transfers
        assertThat(after.count("relais_deadline_lateness_seconds_count")).isPositive();
        assertThat(after.sum("relais_deadlines_due")).isPresent();

        // the mail outbox: mails wait, and failures are counted
        assertThat(after.count("relais_mail_outbox_depth")).isPositive();
        assertThat(after.count("relais_mail_outbox_failing")).isPositive();

        // the verification and the backup
        assertThat(after.count("relais_verifications_total", "result", "valid")).isEqualTo(1);
        assertThat(after.sum("relais_verification_valid")).hasValue(1);
        assertThat(after.sum("relais_backup_age_seconds")).isPresent();
        assertThat(after.sum("relais_backup_age_seconds").getAsDouble()).isBetween(0.0, 3600.0 * 2);

        // nothing of the people concerned, nor of the cases' ids, in what the scraper reads
        for (String secret : PersonalData.ALL) {
            assertThat(after.text()).doesNotContain(secret);
        }
        assertThat(after.text()).doesNotContain(declined, overdue, noConsent, declinedTransfer);
    }

    private String consentedCase(String referralId) {
        ok(post("/api/referrals/" + referralId + "/triage", "coordinator", "{\"riskLevel\": \"HIGH\"}"), 200);
        ok(post("/api/referrals/" + referralId + "/consent", "coordinator",
                "{\"givenBy\": \"" + PersonalData.GUARDIAN + "\"}"), 200);
        return referralId;
    }

    private String transfer(String referralId) {
        return ok(post("/api/referrals/" + referralId + "/transfers", "coordinator", PLATFORM_TRANSFER), 201)
                .text("transferId");
    }

    private Scrape scrape() {
        HttpCall.Reply reply = HttpCall.get(port, "/actuator/prometheus").as("admin").send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return Scrape.of(reply.body());
    }

    private HttpCall.Reply post(String path, String user, String json) {
        return HttpCall.post(port, path).as(user).json(json).send();
    }

    private static HttpCall.Reply ok(HttpCall.Reply reply, int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        return reply;
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
