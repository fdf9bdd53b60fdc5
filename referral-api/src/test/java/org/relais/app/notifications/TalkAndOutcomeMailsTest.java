package org.relais.app.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.relais.app.support.HttpCall;
import org.relais.app.support.PersonalData;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The mails that messages and transfer outcomes cause, through the real outbox and a real SMTP server (GreenMail):
 * each goes to the other side (the partner's liaisons, or the case's coordinator, or all coordinators while nobody
 * is assigned) and says that something happened and where, never what: no message text, no personal data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "relais.notifications.partners.demo-platform[0]=trust-safety@platform.example",
        "relais.notifications.coordinators[0]=coordination@relais.example",
        "relais.notifications.users.coordinator=camille@relais.example",
        "relais.notifications.send-interval=PT0.5S"})
@ActiveProfiles({"demo", "fast-passwords"})
class TalkAndOutcomeMailsTest {

    static final int SMTP_PORT = freePort();
    static final GreenMail SMTP = startSmtp();
    private static final String SECRET = "Le numéro de Zéphyrine est le 06 12 34 56 78";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("talk-mails").toString());
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @LocalServerPort
    int port;

    @Test
    void each_message_tells_the_other_side_with_a_reference_and_a_link_only() throws Exception {
        String[] ids = requested();
        String reference = reference(ids[0]);
        String messages = "/api/referrals/" + ids[0] + "/transfers/" + ids[1] + "/messages";

        ok(HttpCall.post(port, messages).as("coordinator").json("{\"text\": \"" + SECRET + "\"}").send(), 201);
        MimeMessage toPartner = awaitMail(reference, "New message");
        assertThat(recipient(toPartner)).isEqualTo("trust-safety@platform.example");
        assertNoPersonalData(toPartner);
        assertThat(GreenMailUtil.getBody(toPartner)).contains("/ui/cases/" + ids[0]);

        ok(HttpCall.post(port, messages).as("platform").json("{\"text\": \"" + SECRET + "\"}").send(), 201);
        MimeMessage toAll = awaitMail(reference, "Message from the partner");
        assertThat(recipient(toAll)).as("nobody is assigned: every coordinator").isEqualTo(
                "coordination@relais.example");
        assertNoPersonalData(toAll);

        ok(HttpCall.post(port, "/api/referrals/" + ids[0] + "/assignment").as("coordinator")
                .json("{\"coordinator\": \"coordinator\"}").send(), 200);
        ok(HttpCall.post(port, "/api/referrals/" + ids[0] + "/transfers/" + ids[1] + "/decline").as("platform")
                .json("{\"reason\": \"" + SECRET + "\"}").send(), 200);
        MimeMessage declined = awaitMail(reference, "Transfer declined");
        assertThat(recipient(declined)).as("the assigned coordinator").isEqualTo("camille@relais.example");
        assertNoPersonalData(declined);
    }

    @Test
    void a_completion_tells_the_assigned_coordinator_and_a_refusal_every_coordinator_while_nobody_is_assigned()
            throws Exception {
        String[] removed = accepted();
        String removedReference = reference(removed[0]);
        ok(HttpCall.post(port, "/api/referrals/" + removed[0] + "/assignment").as("coordinator")
                .json("{\"coordinator\": \"coordinator\"}").send(), 200);
        ok(HttpCall.post(port, transfer(removed) + "/completion").as("platform")
                .json("{\"outcome\": \"CONTENT_REMOVED\", \"note\": \"" + SECRET + "\"}").send(), 200);
        MimeMessage completed = awaitMail(removedReference, "Transfer completed");
        assertThat(recipient(completed)).as("the assigned coordinator").isEqualTo("camille@relais.example");
        assertThat(GreenMailUtil.getBody(completed)).contains("/ui/cases/" + removed[0], "demo-platform");
        assertNoPersonalData(completed);

        String[] refused = accepted();
        String refusedReference = reference(refused[0]);
        ok(HttpCall.post(port, transfer(refused) + "/completion").as("platform")
                .json("{\"outcome\": \"REFUSED\", \"statementOfReasons\": \"" + SECRET + "\"}").send(), 200);
        MimeMessage refusal = awaitMail(refusedReference, "Removal refused");
        assertThat(recipient(refusal)).as("nobody is assigned: every coordinator")
                .isEqualTo("coordination@relais.example");
        assertThat(GreenMailUtil.getBody(refusal)).contains("/ui/cases/" + refused[0]);
        assertNoPersonalData(refusal);
        assertThat(Arrays.stream(SMTP.getReceivedMessages()).filter(mail -> subject(mail).contains(refusedReference)
                && subject(mail).contains("Transfer completed"))).as("a refusal is no completion").isEmpty();
    }

    private String[] accepted() {
        String[] ids = requested();
        for (String step : new String[] {"acknowledgement", "acceptance"}) {
            ok(HttpCall.post(port, transfer(ids) + "/" + step).as("platform").send(), 200);
        }
        return ids;
    }

    private static String transfer(String[] ids) {
        return "/api/referrals/" + ids[0] + "/transfers/" + ids[1];
    }

    private String[] requested() {
        String referralId = ok(HttpCall.post(port, "/api/referrals").as("coordinator").json(PersonalData.intake())
                .send(), 201).text("referralId");
        ok(HttpCall.post(port, "/api/referrals/" + referralId + "/triage").as("coordinator")
                .json("{\"riskLevel\": \"HIGH\"}").send(), 200);
        ok(HttpCall.post(port, "/api/referrals/" + referralId + "/consent").as("coordinator")
                .json("{\"givenBy\": \"" + PersonalData.GUARDIAN + "\"}").send(), 200);
        String transferId = ok(HttpCall.post(port, "/api/referrals/" + referralId + "/transfers").as("coordinator")
                .json("""
                        {"partnerId": "demo-platform", "purpose": "CONTENT_REMOVAL", "legalBasis": "CONSENT",
                         "sharedFields": ["contentUrls"]}""").send(), 201).text("transferId");
        return new String[] {referralId, transferId};
    }

    private String reference(String referralId) {
        return await().until(() -> HttpCall.get(port, "/api/referrals/" + referralId).as("coordinator").send(),
                reply -> reply.status() == 200).text("reference");
    }

    private static void assertNoPersonalData(MimeMessage mail) throws MessagingException {
        String text = mail.getSubject() + GreenMailUtil.getBody(mail);
        assertThat(text).doesNotContain("Zéphyrine", "06 12", PersonalData.VICTIM_NAME, PersonalData.NARRATIVE,
                PersonalData.GUARDIAN, "social.example", "Vrancq");
    }

    private static HttpCall.Reply ok(HttpCall.Reply reply, int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        return reply;
    }

    private static String recipient(MimeMessage mail) throws MessagingException {
        return mail.getAllRecipients()[0].toString();
    }

    private static MimeMessage awaitMail(String reference, String subjectWords) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> Arrays.stream(SMTP.getReceivedMessages())
                .filter(message -> subject(message).contains(reference) && subject(message).contains(subjectWords))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
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
