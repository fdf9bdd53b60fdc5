package org.relais.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Year;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.support.ui.Select;
import org.relais.app.support.ApiClient;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The trusted-flagger path in a real browser (headless Chromium): the coordinator relays a content removal through
 * the helpline naming the hosting service in the transfer form, the helpline reports what the service did with each
 * URL, and the auditor reads the year's report, drawn as SVG charts with their tables, and finds the CSV download.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "fast-passwords"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlaggerReportInTheBrowserTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("web-ui-flagger").toString());
    }

    @LocalServerPort
    int port;

    private Browser coordinator;
    private Browser auditor;
    private Browser liaison;

    @BeforeAll
    void startBrowsers() {
        coordinator = Browser.start(port);
        auditor = Browser.start(port);
        liaison = Browser.start(port);
    }

    @AfterAll
    void stopBrowsers() {
        for (Browser browser : new Browser[] {coordinator, auditor, liaison}) {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @Test
    void the_auditor_reads_the_report_of_notices_relayed_to_a_named_hosting_service() {
        ApiClient api = new ApiClient(port);
        String referralId = api.postJson("/api/referrals", "coordinator", """
                {"channel": "CHAT", "reporterRole": "VICTIM", "ageBand": "AGE_15_17",
                 "categories": ["CYBERHARASSMENT"],
                 "contentUrls": ["https://social.example/p/flag-1", "https://social.example/p/flag-2"],
                 "victim": {"name": "Flag Victim"}}""").json().get("referralId").asText();
        assertThat(api.postJson("/api/referrals/" + referralId + "/triage", "coordinator",
                "{\"riskLevel\": \"HIGH\"}").status()).isEqualTo(200);
        assertThat(api.postJson("/api/referrals/" + referralId + "/consent", "coordinator",
                "{\"givenBy\": \"the victim\"}").status()).isEqualTo(200);

        coordinator.login("coordinator").open("/ui/cases/" + referralId);
        new Select(coordinator.find("#destination")).selectByValue("demo-helpline|CONTENT_REMOVAL");
        new Select(coordinator.find("#legalBasis")).selectByValue("CONSENT");
        coordinator.find("#share-CONTENT_URLS").click();
        coordinator.find("#hostingService").sendKeys("Social Example");
        coordinator.find("#transfer-submit").click();
        String transferId = coordinator.find("article.transfer[data-state=REQUESTED]").getAttribute("data-transfer-id");

        String transfer = "/api/referrals/" + referralId + "/transfers/" + transferId;
        assertThat(api.postJson(transfer + "/acknowledgement", "helpline", "").status()).isEqualTo(200);
        assertThat(api.postJson(transfer + "/acceptance", "helpline", "").status()).isEqualTo(200);
        assertThat(api.postJson(transfer + "/notices/0/outcome", "helpline",
                "{\"outcome\": \"REMOVED\", \"statementOfReasons\": \"SoR-77\"}").status()).isEqualTo(200);
        // The second link's outcome through the case page's form, numbered from 1 there.
        liaison.login("helpline").open("/ui/cases/" + referralId);
        liaison.find("#notice-" + transferId).sendKeys("2");
        new Select(liaison.find("#notice-outcome-" + transferId)).selectByValue("REFUSED");
        liaison.find("#notice-sor-" + transferId).sendKeys("SoR-78");
        liaison.find("form.notice-form button[type=submit]").click();
        liaison.find(".flash.success");

        int year = Year.now(ZoneOffset.UTC).getValue();
        auditor.login("auditor");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            auditor.open("/ui/audit/trusted-flagger?year=" + year);
            return !auditor.all("#refused-notices").isEmpty();
        });
        assertThat(auditor.all("svg.chart[role=img]")).hasSizeGreaterThanOrEqualTo(4);
        // Labels, not codes; the case's reference and the link's number as the case page counts them, not ids.
        assertThat(auditor.text("#table-byHostingService")).contains("Social Example", "Retiré 1", "Refusé 1")
                .doesNotContain("REMOVED");
        assertThat(auditor.text("#table-byCategory")).contains("Cyberharcèlement").doesNotContain("CYBERHARASSMENT");
        String reference = api.get("/api/referrals/" + referralId, "coordinator").json().get("reference").asText();
        assertThat(auditor.text("#refused-notices")).contains(reference + ", lien n° 2", "SoR-78")
                .doesNotContain("https://", referralId, transferId);
        assertThat(auditor.text("#flagger-totals")).contains("2");
        assertThat(auditor.find("#flagger-csv").getAttribute("href"))
                .endsWith("/ui/audit/trusted-flagger.csv?year=" + year);
        auditor.screenshot("flagger-report");
        auditor.assertAccessible("the trusted-flagger report");
    }
}
