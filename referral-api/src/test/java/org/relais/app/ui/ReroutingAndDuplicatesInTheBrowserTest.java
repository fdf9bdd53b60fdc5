package org.relais.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.relais.app.support.ApiClient;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A coordinator's day in the browser: the platform declined a transfer, so it is re-routed to the helpline from the
 * case page and both transfers read as one thread; a repeat call is closed as a duplicate of the first case, and
 * each case page names the other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "fast-passwords"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReroutingAndDuplicatesInTheBrowserTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("web-ui-route").toString());
    }

    @LocalServerPort
    int port;

    private Browser coordinator;

    @BeforeAll
    void startBrowser() {
        coordinator = Browser.start(port);
    }

    @AfterAll
    void stopBrowser() {
        if (coordinator != null) {
            coordinator.close();
        }
    }

    @Test
    void a_declined_transfer_is_rerouted_from_the_case_page_and_reads_as_one_thread() {
        ApiClient api = new ApiClient(port);
        String referralId = triagedWithConsent(api);
        String declined = api.postJson("/api/referrals/" + referralId + "/transfers", "coordinator", """
                {"partnerId": "demo-platform", "purpose": "CONTENT_REMOVAL", "legalBasis": "CONSENT",
                 "sharedFields": ["contentUrls"]}""").json().get("transferId").asString();
        assertThat(api.postJson("/api/referrals/" + referralId + "/transfers/" + declined + "/decline", "platform",
                "{\"reason\": \"Not hosted by us\"}").status()).isEqualTo(200);

        coordinator.login("coordinator").open("/ui/cases/" + referralId);
        String declinedCard = "article.transfer[data-transfer-id='" + declined + "']";
        coordinator.find(declinedCard + "[data-state=DECLINED]");
        new Select(coordinator.find(declinedCard + " .reroute-form select"))
                .selectByValue("demo-helpline|CONTENT_REMOVAL");
        coordinator.find(declinedCard + " .reroute-form textarea").sendKeys("La plateforme nous renvoie vers vous.");
        coordinator.screenshot("route-01-reroute-form");
        coordinator.find(declinedCard + " .reroute-form button").click();

        coordinator.find("article.transfer.rerouted[data-state=REQUESTED]");
        // Partners by name, never by id.
        assertThat(coordinator.text(declinedCard + " .rerouted-to")).contains("Ligne d'écoute, signaleur de confiance (démo)")
                .doesNotContain("demo-helpline");
        assertThat(coordinator.text("article.transfer.rerouted .rerouted-from")).contains("Plateforme en ligne (démo)")
                .doesNotContain("demo-platform");
        assertThat(coordinator.all(declinedCard + " .reroute-form")).as("re-routed once only").isEmpty();
        assertThat(coordinator.all("article.transfer").get(1).getAttribute("class")).contains("rerouted");
        coordinator.screenshot("route-02-one-thread");
        coordinator.assertAccessible("case-rerouted");
    }

    @Test
    void a_repeat_call_is_closed_as_a_duplicate_and_both_pages_name_the_other() {
        ApiClient api = new ApiClient(port);
        String first = triagedWithConsent(api);
        String reference = awaitCase(api, first).get("reference").asString();
        String second = triagedWithConsent(api);

        coordinator.login("coordinator").open("/ui/cases/" + second);
        new Select(coordinator.find("#closureOutcome")).selectByValue("DUPLICATE");
        coordinator.find("#duplicateOf").sendKeys(reference.toLowerCase());
        coordinator.screenshot("route-03-closure-as-duplicate");
        coordinator.find("#closure-form button[type=submit]").click();
        coordinator.waitUntil(d -> !d.findElements(By.id("duplicate-of")).isEmpty());
        assertThat(coordinator.text("#duplicate-of")).isEqualTo(reference);

        coordinator.find("#duplicate-of").click();
        coordinator.waitUntil(d -> d.getCurrentUrl().endsWith("/ui/cases/" + first));
        assertThat(coordinator.text("#duplicates")).matches("R-\\d{4}-\\d+");
        coordinator.screenshot("route-04-original-lists-its-duplicate");
    }

    private static String triagedWithConsent(ApiClient api) {
        String referralId = api.postJson("/api/referrals", "coordinator", """
                {"channel": "PHONE", "reporterRole": "VICTIM", "ageBand": "ADULT", "categories": ["CYBERHARASSMENT"],
                 "contentUrls": ["https://social.example/p/route"], "narrative": "Harassed online."}""")
                .json().get("referralId").asString();
        assertThat(api.postJson("/api/referrals/" + referralId + "/triage", "coordinator",
                "{\"riskLevel\": \"MODERATE\"}").status()).isEqualTo(200);
        assertThat(api.postJson("/api/referrals/" + referralId + "/consent", "coordinator",
                "{\"givenBy\": \"the victim\"}").status()).isEqualTo(200);
        return referralId;
    }

    private static JsonNode awaitCase(ApiClient api, String referralId) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/referrals/" + referralId, "coordinator"), r -> r.status() == 200).json();
    }
}
