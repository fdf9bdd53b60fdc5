package org.relais.app.deadlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AcknowledgeTransferCommand;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.partner.DeadlineCalendar;
import org.relais.core.partner.PartnerDirectory;
import org.relais.app.eventstore.SqlTimes;
import org.relais.app.support.Commands;
import org.relais.app.support.HttpCall;
import org.relais.app.support.MutableClock;
import org.relais.app.support.TestDataDirs;
import org.relais.app.support.UiLogin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Acknowledgement deadlines on a clock the test moves, through the real bus, event store, deadline table and
 * poller; and the notices they cause, through a real SMTP server (GreenMail).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "relais.deadlines.reminder-share=0.75",
        "relais.notifications.partners.demo-platform[0]=trust-safety@platform.example",
        "relais.notifications.partners.demo-child-abuse-association[0]=accueil@association.example",
        "relais.notifications.coordinators[0]=coordination@relais.example",
        "relais.notifications.send-interval=PT0.5S"})
@ActiveProfiles("demo")
class DeadlinesAndNotificationsTest {

    /** Friday 27 November 2026, 17:00 in Paris. */
    static final Instant FRIDAY_5PM = Instant.parse("2026-11-27T16:00:00Z");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final int SMTP_PORT = freePort();
    static GreenMail smtp = startSmtp();

    @TestConfiguration
    static class ClockAtFriday {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(FRIDAY_5PM, PARIS);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("deadlines").toString());
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    CommandGateway gateway;
    @Autowired
    EventStore eventStore;
    @Autowired
    OverdueDeadlinePoller poller;
    @Autowired
    org.relais.app.notifications.MailOutboxSender mails;
    @Autowired
    PartnerDirectory partners;
    @Autowired
    JdbcTemplate jdbc;

    Commands commands;

    @BeforeEach
    void setUp() {
        commands = new Commands(gateway);
        clock.set(FRIDAY_5PM);
    }

    @Test
    void a_transfer_not_acknowledged_by_its_deadline_is_flagged_overdue_once_within_seconds() {
        String referralId = commands.consentedOnlineCase("Due Victim");
        commands.requestTransfer(referralId, "t-1", "demo-platform", TransferPurpose.CONTENT_REMOVAL,
                Set.of(ShareableField.CONTENT_URLS));

        clock.advance(Duration.ofMinutes(61)); // the platform's SLA is one hour, always open

        List<TransferAcknowledgementOverdueEvent> overdue = await().atMost(Duration.ofSeconds(5))
                .until(() -> events(referralId, TransferAcknowledgementOverdueEvent.class), list -> !list.isEmpty());
        assertThat(overdue).hasSize(1);
        assertThat(overdue.get(0).deadline()).isEqualTo(FRIDAY_5PM.plus(Duration.ofHours(1)));

        assertThat(poller.flagDueTransfers()).as("nothing left to flag").isZero();
        assertThat(events(referralId, TransferAcknowledgementOverdueEvent.class)).hasSize(1);
    }

    @Test
    void a_transfer_whose_deadline_has_not_come_is_left_alone() {
        String referralId = commands.consentedOnlineCase("Early Victim");
        commands.requestTransfer(referralId, "t-1", "demo-platform", TransferPurpose.CONTENT_REMOVAL,
                Set.of(ShareableField.CONTENT_URLS));

        clock.advance(Duration.ofMinutes(59));

        poller.flagDueTransfers();
        assertThat(events(referralId, TransferAcknowledgementOverdueEvent.class)).isEmpty();
    }

    @Test
    void a_deadline_runs_only_while_the_partner_is_open_and_fires_after_the_weekend() {
        String referralId = commands.consentedOnlineCase("Weekend Victim");
        commands.requestTransfer(referralId, "t-1", "demo-child-abuse-association",
                TransferPurpose.PSYCHOLOGICAL_SUPPORT, Set.of(ShareableField.NARRATIVE));
        TransferRequestedEvent requested = events(referralId, TransferRequestedEvent.class).get(0);
        AgreementTerms terms = partners.currentTerms("demo-child-abuse-association").orElseThrow().agreement();

        // open Monday to Friday 09:00-18:00: one day of open time asked on Friday at 17:00 ends on Wednesday
        Instant expected = DeadlineCalendar.deadline(terms.serviceHours(), FRIDAY_5PM, terms.acknowledgementSla());
        assertThat(requested.deadline()).isEqualTo(expected);
        ZonedDateTime local = expected.atZone(PARIS);
        assertThat(local.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.WEDNESDAY);
        assertThat(local.toLocalTime()).isEqualTo(java.time.LocalTime.of(14, 0));

        clock.set(expected.minusSeconds(1));
        poller.flagDueTransfers();
        assertThat(events(referralId, TransferAcknowledgementOverdueEvent.class)).isEmpty();

        clock.set(expected);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> events(referralId, TransferAcknowledgementOverdueEvent.class), list -> list.size() == 1);
    }

    @Test
    void the_reminder_falls_at_three_quarters_of_the_open_time_not_of_the_wall_clock() {
        String referralId = commands.consentedOnlineCase("Reminder Victim");
        commands.requestTransfer(referralId, "t-1", "demo-child-abuse-association",
                TransferPurpose.PSYCHOLOGICAL_SUPPORT, Set.of(ShareableField.NARRATIVE));
        AgreementTerms terms = partners.currentTerms("demo-child-abuse-association").orElseThrow().agreement();

        // 24 open hours from Friday 17:00, three quarters are 18: one on Friday, nine on Monday, eight on Tuesday.
        // Three quarters of the wall-clock time would be Tuesday 08:45, before the office opens.
        Instant remindAt = SqlTimes.instant(jdbc.queryForObject(
                "SELECT remind_at FROM transfer_deadline WHERE referral_id = ?", Object.class, referralId));
        assertThat(remindAt).isEqualTo(DeadlineCalendar.deadline(terms, FRIDAY_5PM, Duration.ofHours(18)));
        ZonedDateTime local = remindAt.atZone(PARIS);
        assertThat(local.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.TUESDAY);
        assertThat(local.toLocalTime()).isEqualTo(java.time.LocalTime.of(17, 0));
    }

    @Test
    void an_acknowledgement_racing_the_deadline_leaves_one_consistent_history() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                clock.set(FRIDAY_5PM);
                String referralId = commands.consentedOnlineCase("Race Victim");
                commands.requestTransfer(referralId, "t-1", "demo-platform", TransferPurpose.CONTENT_REMOVAL,
                        Set.of(ShareableField.CONTENT_URLS));
                clock.advance(Duration.ofHours(2));

                CountDownLatch start = new CountDownLatch(1);
                Future<?> acknowledge = threads.submit(() -> {
                    start.await();
                    return commands.send(new AcknowledgeTransferCommand(referralId, "t-1"),
                            Commands.liaison("platform", "demo-platform"));
                });
                Future<?> flag = threads.submit(() -> {
                    start.await();
                    return poller.flagDueTransfers();
                });
                start.countDown();
                acknowledge.get();
                flag.get();
                poller.flagDueTransfers();

                List<Object> history = eventStore.readEvents(referralId).asStream()
                        .map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
                List<Object> afterRequest = history.subList(4, history.size());
                long overdueCount = afterRequest.stream().filter(TransferAcknowledgementOverdueEvent.class::isInstance).count();
                TransferAcknowledgedEvent acknowledged = afterRequest.stream()
                        .filter(TransferAcknowledgedEvent.class::isInstance).map(TransferAcknowledgedEvent.class::cast)
                        .findFirst().orElseThrow();
                assertThat(overdueCount).isLessThanOrEqualTo(1);
                if (overdueCount == 1) {
                    assertThat(afterRequest.get(0)).isInstanceOf(TransferAcknowledgementOverdueEvent.class);
                    assertThat(acknowledged.wasOverdue()).isTrue();
                } else {
                    assertThat(afterRequest).hasSize(1);
                    assertThat(acknowledged.wasOverdue()).isFalse();
                }
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM transfer_deadline WHERE referral_id = ? "
                        + "AND resolved_at IS NULL", Long.class, referralId)).isZero();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void the_liaison_gets_a_notice_without_personal_data_and_coordinators_hear_of_an_overdue_transfer() throws Exception {
        String referralId = commands.consentedOnlineCase("Mailed Victim-Name");
        String reference = reference(referralId);
        commands.requestTransfer(referralId, "t-1", "demo-platform", TransferPurpose.CONTENT_REMOVAL,
                Set.of(ShareableField.CONTENT_URLS));

        MimeMessage notice = awaitMail(reference, "New transfer");
        String text = notice.getSubject() + GreenMailUtil.getBody(notice);
        assertThat(notice.getAllRecipients()[0].toString()).isEqualTo("trust-safety@platform.example");
        assertThat(text).contains("/ui/inbox")
                .doesNotContain("Mailed", "Victim-Name", "06 00", "social.example", "Harassed");

        clock.advance(Duration.ofMinutes(46)); // past 75 % of the hour: a reminder
        assertThat(awaitMail(reference, "Reminder").getAllRecipients()[0].toString())
                .isEqualTo("trust-safety@platform.example");

        clock.advance(Duration.ofMinutes(15)); // past the deadline: coordinators are told
        MimeMessage overdue = awaitMail(reference, "Overdue");
        assertThat(overdue.getAllRecipients()[0].toString()).isEqualTo("coordination@relais.example");
        assertThat(GreenMailUtil.getBody(overdue)).doesNotContain("Mailed", "Victim-Name");
        // and in the application: nobody follows the case, so every coordinator has the notification
        JsonNode notification = await().until(() -> overdueNotification(referralId), Optional::isPresent).orElseThrow();
        assertThat(notification.get("partnerId").asString()).isEqualTo("demo-platform");
        assertThat(notification.get("transferId").asString()).isEqualTo("t-1");
        assertThat(notification.get("reference").asString()).isEqualTo(reference);
        assertThat(notification.get("link").asString()).isEqualTo("/ui/cases/" + referralId);

        // The link opens the case's page for a signed-in coordinator (once the read side shows the case at all).
        Matcher link = Pattern.compile("http://localhost:8080(/\\S+)").matcher((String) overdue.getContent());
        assertThat(link.find()).as("a link to Relais in the mail").isTrue();
        String session = UiLogin.session(port, "coordinator");
        await().until(() -> HttpCall.get(port, "/ui/cases/" + referralId).header("Cookie", session).send().status(),
                status -> status == 200);
        HttpCall.Reply page = HttpCall.get(port, link.group(1)).header("Cookie", session).send();
        assertThat(page.status()).as(link.group()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains(reference);
    }

    @Test
    void with_the_smtp_server_down_the_transfer_still_succeeds_and_its_notice_goes_out_later() throws Exception {
        String downReferral;
        smtp.stop();
        try {
            String referralId = commands.consentedOnlineCase("Down Victim");
            downReferral = referralId;
            commands.requestTransfer(referralId, "t-1", "demo-platform", TransferPurpose.CONTENT_REMOVAL,
                    Set.of(ShareableField.CONTENT_URLS));
            assertThat(events(referralId, TransferRequestedEvent.class)).hasSize(1);

            assertThat(mails.sendPending()).isZero();
            assertThat(jdbc.queryForObject("SELECT MAX(attempts) FROM mail_outbox WHERE referral_id = ?", Integer.class,
                    referralId)).isGreaterThanOrEqualTo(1);
        } finally {
            smtp = startSmtp();
        }
        clock.advance(Duration.ofMinutes(5));
        awaitMail(reference(downReferral), "New transfer");
    }

    /** The coordinator's unread notification that this case's transfer is overdue, once the read side has it. */
    private Optional<JsonNode> overdueNotification(String referralId) {
        return HttpCall.get(port, "/api/notifications").as("coordinator").send().json().get("items").valueStream()
                .filter(item -> item.get("referralId").asString().equals(referralId)
                        && item.get("kind").asString().equals("TRANSFER_OVERDUE"))
                .findFirst();
    }

    private static MimeMessage awaitMail(String reference, String subjectWord) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(message -> subject(message).contains(reference) && subject(message).contains(subjectWord))
                .findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String reference(String referralId) {
        return ((org.relais.core.api.referral.ReferralReceivedEvent) eventStore.readEvents(referralId).next().getPayload())
                .reference();
    }

    private <T> List<T> events(String referralId, Class<T> type) {
        return eventStore.readEvents(referralId).asStream().map(DomainEventMessage::getPayload)
                .filter(type::isInstance).map(type::cast).toList();
    }

    private static GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
