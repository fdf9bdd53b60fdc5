package org.relais.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.relais.app.support.ApiClient;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Notes, the conversation of a transfer and the coordinator's notifications in a real browser (headless
 * Chromium): the coordinator notes and writes, the platform's liaison sees the new message counted in its inbox,
 * reads and answers it and never sees the note, and the coordinator is told and finds the answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "fast-passwords"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotesAndConversationInTheBrowserTest {

    private static final String NOTE = "Appel de la mère : joignable après 18 h uniquement";
    private static final String QUESTION = "Pouvez-vous nous dire quand le contenu sera retiré ?";
    private static final String ANSWER = "Retrait prévu dans la journée";

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("web-ui-talk").toString());
    }

    @LocalServerPort
    int port;

    private Browser coordinator;
    private Browser liaison;

    @BeforeAll
    void startBrowsers() {
        coordinator = Browser.start(port);
        liaison = Browser.start(port);
    }

    @AfterAll
    void stopBrowsers() {
        for (Browser browser : new Browser[] {coordinator, liaison}) {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @Test
    void the_coordinator_notes_and_writes_the_partner_answers_and_the_coordinator_is_told() {
        ApiClient api = new ApiClient(port);
        String referralId = api.postJson("/api/referrals", "coordinator", """
                {"channel": "CHAT", "reporterRole": "VICTIM", "ageBand": "AGE_15_17",
                 "categories": ["CYBERHARASSMENT"], "contentUrls": ["https://social.example/p/talk-1"],
                 "victim": {"name": "Talk Victim"}}""").json().get("referralId").asText();
        assertThat(api.postJson("/api/referrals/" + referralId + "/triage", "coordinator",
                "{\"riskLevel\": \"HIGH\"}").status()).isEqualTo(200);
        assertThat(api.postJson("/api/referrals/" + referralId + "/consent", "coordinator",
                "{\"givenBy\": \"the victim\"}").status()).isEqualTo(200);
        String transferId = api.postJson("/api/referrals/" + referralId + "/transfers", "coordinator", """
                {"partnerId": "demo-platform", "purpose": "CONTENT_REMOVAL", "legalBasis": "CONSENT",
                 "sharedFields": ["contentUrls"]}""").json().get("transferId").asText();

        // The coordinator writes an internal note, then a message to the platform.
        coordinator.login("coordinator").open("/ui/cases/" + referralId);
        coordinator.find("#noteText").sendKeys(NOTE);
        coordinator.find("#note-submit").click();
        coordinator.waitUntil(d -> d.findElements(By.cssSelector(".note-text")).stream()
                .anyMatch(e -> e.getText().equals(NOTE)));
        coordinator.find("#message-" + transferId).sendKeys(QUESTION);
        coordinator.find("#thread-" + transferId + " .message-form button").click();
        coordinator.waitUntil(d -> d.findElements(By.cssSelector("#thread-" + transferId + " .message-text"))
                .stream().anyMatch(e -> e.getText().equals(QUESTION)));
        coordinator.screenshot("talk-01-coordinator-note-and-message");

        // The platform sees one new message in its inbox, reads it on the case page, and answers.
        liaison.login("platform");
        String reference = api.get("/api/referrals/" + referralId, "coordinator").json().get("reference").asText();
        String row = "tr[data-reference='" + reference + "']";
        liaison.waitUntil(d -> {
            d.navigate().refresh();
            return !d.findElements(By.cssSelector(row + " .unread-messages")).isEmpty();
        });
        liaison.screenshot("talk-02-liaison-inbox-new-message");
        liaison.open("/ui/cases/" + referralId);
        assertThat(liaison.text("#thread-" + transferId + " .message-text")).isEqualTo(QUESTION);
        assertThat(liaison.all("#notes")).isEmpty();
        assertThat(liaison.source()).doesNotContain(NOTE);
        liaison.find("#message-" + transferId).sendKeys(ANSWER);
        liaison.find("#thread-" + transferId + " .message-form button").click();
        liaison.waitUntil(d -> d.findElements(By.cssSelector("#thread-" + transferId + " .message-text")).size() == 2);
        liaison.screenshot("talk-03-liaison-answered");
        liaison.open("/ui/inbox");
        liaison.find(row);
        assertThat(liaison.all(row + " .unread-messages")).as("the liaison was shown the message").isEmpty();

        // The coordinator is told: a count in the header, the notification, and the answer on the case (away from
        // the case page, which would show the answer and so mark it read).
        coordinator.open("/ui/cases");
        coordinator.waitUntil(d -> {
            d.navigate().refresh();
            return !d.findElements(By.id("notification-count")).isEmpty();
        });
        coordinator.open("/ui/notifications");
        String notification = "tr.notification[data-kind=PARTNER_MESSAGE][data-referral-id='" + referralId + "']";
        coordinator.find(notification);
        coordinator.assertAccessible("/ui/notifications");
        coordinator.screenshot("talk-04-coordinator-notifications");
        coordinator.find(notification + " .open-notification").click();
        coordinator.waitUntil(d -> d.getCurrentUrl().endsWith("/ui/cases/" + referralId));
        assertThat(coordinator.all("#thread-" + transferId + " .message-text")).extracting(e -> e.getText())
                .containsExactly(QUESTION, ANSWER);
        assertThat(coordinator.text("#thread-" + transferId + " .unread-messages")).contains("1");
        coordinator.open("/ui/notifications");
        assertThat(coordinator.all(notification)).as("marked read when opened").isEmpty();
        coordinator.assertAccessible("/ui/cases/{id} with notes and a conversation");
    }
}
