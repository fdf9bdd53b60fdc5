package org.relais.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
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
 * The staff UI in a real browser (headless Chromium): the journey of a case from intake to acceptance across three
 * people, what a liaison's page shows compared with the API's answer to the same liaison, and axe-core on the main
 * pages. Screenshots of each step go to target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "fast-passwords"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiInTheBrowserTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("web-ui").toString());
    }

    @LocalServerPort
    int port;

    private Browser coordinator;
    private Browser other;

    @BeforeAll
    void startBrowsers() {
        coordinator = Browser.start(port);
        other = Browser.start(port);
    }

    @AfterAll
    void stopBrowsers() {
        for (Browser browser : new Browser[] {coordinator, other}) {
            if (browser != null) {
                browser.open("/login");  // leaves the live dashboard, closing its event stream first
                browser.close();
            }
        }
    }

    @Test
    void a_case_goes_from_intake_to_an_accepted_transfer_and_the_dashboard_and_the_history_follow() {
        // The coordinator takes the case in.
        coordinator.login("coordinator");
        assertThat(coordinator.driver.getCurrentUrl()).endsWith("/ui/dashboard");
        coordinator.open("/ui/cases/new");
        coordinator.find("#intake-form");
        new Select(coordinator.find("#channel")).selectByValue("CHAT");
        new Select(coordinator.find("#reporterRole")).selectByValue("PARENT_OR_GUARDIAN");
        new Select(coordinator.find("#ageBand")).selectByValue("AGE_11_14");
        coordinator.find("#cat-CYBERHARASSMENT").click();
        coordinator.find("#cat-NON_CONSENSUAL_IMAGERY").click();
        coordinator.find("#contentUrls").sendKeys("https://social.example/p/journey-1");
        coordinator.find("#victimName").sendKeys("Lou Journey-Victim");
        coordinator.find("#narrative").sendKeys("Des photos intimes circulent sur un réseau social.");
        coordinator.screenshot("01-coordinator-intake-form");
        coordinator.find("#intake-submit").click();
        coordinator.waitUntil(d -> d.getCurrentUrl().matches(".*/ui/cases/[0-9a-f-]{36}$"));
        String referralId = coordinator.driver.getCurrentUrl().replaceAll(".*/ui/cases/", "");
        String reference = coordinator.text("h1").replaceAll(".*(R-\\d{4}-\\d+).*", "$1");
        assertThat(reference).matches("R-\\d{4}-\\d+");
        assertThat(coordinator.text("#victim-name")).isEqualTo("Lou Journey-Victim");
        coordinator.screenshot("02-coordinator-case-received");

        // Triage, consent, transfer to the platform for content removal.
        new Select(coordinator.find("#riskLevel")).selectByValue("HIGH");
        coordinator.find("#triage-submit").click();
        coordinator.waitUntil(d -> d.findElement(By.id("case-risk")).getText().equals("Élevé"));
        coordinator.find("#givenBy").sendKeys("La mère de la victime");
        coordinator.find("#consent-submit").click();
        coordinator.waitUntil(d -> d.findElement(By.id("case-consent")).getText().equals("Oui"));
        List<String> offered = new Select(coordinator.find("#destination")).getOptions().stream()
                .map(option -> option.getAttribute("value")).filter(value -> !value.isEmpty()).toList();
        // Only partners whose agreement covers one of the case's categories and the purpose are offered.
        assertThat(offered).contains("demo-platform|CONTENT_REMOVAL", "demo-police-minors|INVESTIGATION")
                .doesNotContain("demo-platform|INVESTIGATION", "demo-police-minors|CONTENT_REMOVAL");
        new Select(coordinator.find("#destination")).selectByValue("demo-platform|CONTENT_REMOVAL");
        new Select(coordinator.find("#legalBasis")).selectByValue("CONSENT");
        coordinator.find("#share-CONTENT_URLS").click();
        coordinator.find("#message").sendKeys("Merci de retirer ce contenu.");
        coordinator.find("#transfer-submit").click();
        coordinator.find("article.transfer[data-state=REQUESTED]");
        assertThat(coordinator.text("#case-status")).isEqualTo("En cours");
        coordinator.screenshot("03-coordinator-case-transferred");

        // The coordinator watches the dashboard, which must change without a reload.
        coordinator.open("/ui/dashboard");
        coordinator.waitUntil(d -> !d.findElements(By.cssSelector("#dashboard[data-updates]")).isEmpty());
        String acknowledgedBefore = acknowledgedBy(coordinator, "demo-platform");
        coordinator.screenshot("04-coordinator-dashboard-before");

        // The platform's liaison finds it in its inbox, acknowledges, then accepts.
        other.login("platform");
        assertThat(other.driver.getCurrentUrl()).endsWith("/ui/inbox");
        String row = "tr[data-reference='" + reference + "']";
        other.find(row);
        assertThat(other.text(row + " td:nth-of-type(4)")).startsWith("Reste");
        other.screenshot("05-liaison-inbox");
        other.find(row + " form[action$='/acknowledgement'] button").click();
        other.waitUntil(d -> d.findElement(By.cssSelector(row + " .inbox-state")).getText().equals("Réception accusée"));
        other.find(row + " form[action$='/acceptance'] button").click();
        other.waitUntil(d -> d.findElement(By.cssSelector(row + " .inbox-state")).getText().equals("Acceptée"));
        other.screenshot("06-liaison-inbox-accepted");
        other.find(row + " a[href*='/ui/cases/']").click();
        other.find("article.transfer[data-state=ACCEPTED]");
        assertThat(other.source()).contains("https://social.example/p/journey-1")
                .doesNotContain("Lou Journey-Victim", "Des photos intimes");
        other.screenshot("07-liaison-case-shared-fields-only");

        // The coordinator's open dashboard shows the acknowledgement, pushed by the server.
        coordinator.waitUntil(d -> !acknowledgedBy(coordinator, "demo-platform").equals(acknowledgedBefore)
                && acknowledgedBy(coordinator, "demo-platform").equals("1"));
        coordinator.driver.executeScript("document.getElementById('partner-kpis').scrollIntoView()");
        coordinator.screenshot("08-coordinator-dashboard-live-update");

        // An auditor opens the case's history, then replays it as of its first event.
        other.login("auditor");
        other.open("/ui/cases/" + referralId);
        other.find("#history-link").click();
        other.find("#history-table");
        String timeline = other.text("#history-table");
        assertThat(timeline).contains("Transmission demandée à Plateforme en ligne (démo)",
                "Réception accusée par Plateforme en ligne (démo)", "Prise en charge acceptée par Plateforme en ligne (démo)")
                .doesNotContain("TransferRequested", referralId);
        other.screenshot("09-auditor-history");
        other.find("#history-table tbody tr:first-child a").click();
        other.find("#as-of-state");
        assertThat(other.text("#as-of-status")).isEqualTo("Reçu");
        other.screenshot("10-auditor-history-as-of-intake");
    }

    @Test
    void a_liaison_page_shows_no_field_that_the_api_does_not_give_that_liaison() {
        ApiClient api = new ApiClient(port);
        String referralId = api.postJson("/api/referrals", "coordinator", """
                {"channel": "PHONE", "reporterRole": "WITNESS", "ageBand": "AGE_15_17",
                 "categories": ["HATE_SPEECH"], "contentUrls": ["https://video.example/v/shared-42"],
                 "victim": {"name": "Nour Hidden-Name", "contact": "06 99 88 77 66"},
                 "reporter": {"name": "Sam Hidden-Reporter", "contact": "sam@example.org"},
                 "narrative": "Narrative that only staff may read."}""").json().get("referralId").asText();
        assertThat(api.postJson("/api/referrals/" + referralId + "/triage", "coordinator",
                "{\"riskLevel\": \"MODERATE\"}").status()).isEqualTo(200);
        assertThat(api.postJson("/api/referrals/" + referralId + "/consent", "coordinator",
                "{\"givenBy\": \"the victim\"}").status()).isEqualTo(200);
        assertThat(api.postJson("/api/referrals/" + referralId + "/transfers", "coordinator", """
                {"partnerId": "demo-platform", "purpose": "CONTENT_REMOVAL", "legalBasis": "CONSENT",
                 "sharedFields": ["contentUrls"]}""").status()).isEqualTo(201);

        JsonNode shown = awaitApi(api, "/api/referrals/" + referralId, "platform");
        assertThat(shown.has("victim")).isFalse();
        assertThat(shown.has("reporter")).isFalse();
        assertThat(shown.has("narrative")).isFalse();
        assertThat(shown.get("contentUrls").get(0).asText()).isEqualTo("https://video.example/v/shared-42");

        other.login("platform").open("/ui/cases/" + referralId);
        other.find("article.transfer");
        String page = other.source();
        List<String> hidden = List.of("Nour Hidden-Name", "06 99 88 77 66", "Sam Hidden-Reporter", "sam@example.org",
                "Narrative that only staff may read.");
        for (String value : hidden) {
            assertThat(page).as("the API does not give the platform this value; neither may the page")
                    .doesNotContain(value);
        }
        assertThat(page).contains("https://video.example/v/shared-42");

        // Another partner's liaison learns nothing of the case: the page says it does not exist, as the API does.
        assertThat(api.get("/api/referrals/" + referralId, "police").status()).isEqualTo(404);
        other.login("police").open("/ui/cases/" + referralId);
        assertThat(other.text("main")).contains("n’existe pas");
        for (String value : hidden) {
            assertThat(other.source()).doesNotContain(value);
        }
        assertThat(other.source()).doesNotContain("video.example", "Exception", "org.relais", "java.");
        other.screenshot("11-other-liaison-not-found");
    }

    @Test
    void the_main_pages_have_no_serious_or_critical_accessibility_violations() {
        ApiClient api = new ApiClient(port);
        String referralId = api.postJson("/api/referrals", "coordinator", """
                {"channel": "EMAIL", "reporterRole": "VICTIM", "ageBand": "ADULT", "categories": ["DISCRIMINATION"],
                 "victim": {"name": "A11y Person"}, "narrative": "For the accessibility check."}""")
                .json().get("referralId").asText();
        awaitApi(api, "/api/referrals/" + referralId, "coordinator");
        List<String> checked = new ArrayList<>();

        other.driver.manage().deleteAllCookies();
        other.open("/login");
        other.assertAccessible("login");
        checked.add("login");
        other.login("coordinator");
        for (String path : List.of("/ui/dashboard", "/ui/cases", "/ui/cases/new", "/ui/cases/" + referralId)) {
            other.open(path);
            other.find("main h1");
            other.assertAccessible(path);
            checked.add(path);
        }
        other.screenshot("12-coordinator-case-list");
        other.open("/ui/cases?lang=en");
        assertThat(other.find("html").getAttribute("lang")).isEqualTo("en");
        assertThat(other.text("h1")).isEqualTo("Cases");
        other.open("/ui/cases?lang=fr");

        other.login("platform");
        other.open("/ui/inbox");
        other.assertAccessible("inbox");
        checked.add("/ui/inbox");

        other.login("auditor");
        for (String path : List.of("/ui/cases/" + referralId + "/history", "/ui/audit/access",
                "/ui/audit/verification")) {
            other.open(path);
            other.find("main h1");
            other.assertAccessible(path);
            checked.add(path);
        }
        assertThat(other.text("#verification-result")).contains("Intègre");
        other.screenshot("13-auditor-verification");

        other.login("admin");
        for (String path : List.of("/ui/admin/partners", "/ui/admin/subject-export",
                "/ui/admin/projections")) {
            other.open(path);
            other.find("main h1");
            other.assertAccessible(path);
            checked.add(path);
        }
        other.find("tr[data-projection='case-list'] form button").click();
        other.find("p.flash.success");
        other.find("#progress-case-list");
        other.assertAccessible("/ui/admin/projections during a rebuild");
        other.screenshot("14-admin-projections-rebuild");
        assertThat(checked).hasSize(12);
    }

    private static String acknowledgedBy(Browser browser, String partnerId) {
        List<WebElement> cells = browser.all("tr[data-partner='" + partnerId + "'] .ack-count");
        return cells.isEmpty() ? "" : cells.get(0).getText();
    }

    private static JsonNode awaitApi(ApiClient api, String path, String user) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> api.get(path, user), response -> response.status() == 200).json();
    }
}
