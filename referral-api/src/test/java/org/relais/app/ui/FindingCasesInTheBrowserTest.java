package org.relais.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.relais.app.support.ApiClient;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A coordinator's day in a real browser (headless Chromium): a reference read out on the phone opens its case from
 * the list's search box and from the header's, the repeat-caller hint on a second case of the same caller and the
 * earlier case it leads to, the search by a caller's number, "My cases" and "Unassigned", and a correction of the
 * contact through the rectification form, after which the hint is gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "fast-passwords"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FindingCasesInTheBrowserTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("web-ui-find").toString());
    }

    @LocalServerPort
    int port;

    private Browser browser;

    @BeforeAll
    void startBrowser() {
        browser = Browser.start(port);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.open("/login");
            browser.close();
        }
    }

    @Test
    void the_search_box_my_cases_and_the_repeat_caller_hint() {
        ApiClient api = new ApiClient(port);
        String first = intake(api, "{\"name\": \"Rémi Premier-Appel\", \"contact\": \"06 55 44 33 22\"}", "null");
        String firstReference = reference(api, first);
        assertThat(api.postJson("/api/referrals/" + first + "/assignment", "coordinator",
                "{\"coordinator\": \"coordinator\"}").status()).isEqualTo(200);
        String second = intake(api, "{\"name\": \"Autre victime\"}",
                "{\"name\": \"Rémi Premier-Appel\", \"contact\": \"+33655443322\"}");
        String secondReference = reference(api, second);

        browser.login("coordinator");
        browser.open("/ui/cases");
        browser.find("#q").sendKeys(secondReference.substring(2).toLowerCase());
        browser.find("#case-search button").click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/ui/cases/" + second));
        assertThat(browser.text("#repeat-caller")).isEqualTo("1 dossier antérieur avec ce contact");
        browser.screenshot("find-01-second-call-with-hint");
        browser.assertAccessible("case page with the rectification form");
        browser.find("#repeat-caller a").click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/ui/cases/" + second + "/earlier"));
        assertThat(references()).containsExactly(firstReference);
        assertThat(browser.text("#earlier-of")).contains(secondReference);
        browser.screenshot("find-02-earlier-cases");

        browser.find("#header-q").sendKeys(firstReference);
        browser.find("#header-search button").click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/ui/cases/" + first));
        assertThat(browser.all("#repeat-caller")).isEmpty();

        browser.find("#header-q").sendKeys("R-1999-999999");
        browser.find("#header-search button").click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/ui/cases"));
        assertThat(browser.text("#form-error")).contains("Aucun dossier n’a cette référence.");

        browser.find("#contact").sendKeys("0655443322");
        browser.find("#contact-purpose").sendKeys("rappel de la victime");
        browser.find("#contact-search button").click();
        browser.find("#contact-result");
        assertThat(references()).containsExactly(secondReference, firstReference);
        assertThat(browser.driver.getCurrentUrl()).doesNotContain("0655443322");
        JsonNode log = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> api.get(
                "/api/audit/access?referralId=" + first, "auditor").json(), json -> json.toString()
                .contains("contact lookup: rappel de la victime"));
        assertThat(log.toString()).doesNotContain("0655443322");

        browser.open("/ui/cases");
        browser.find("#view-mine").click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("view=mine"));
        assertThat(references()).contains(firstReference).doesNotContain(secondReference);
        assertThat(browser.find("#view-mine").getAttribute("aria-current")).isEqualTo("page");
        browser.screenshot("find-03-my-cases");
        browser.assertAccessible("my cases");
        browser.find("#view-unassigned").click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("view=unassigned"));
        assertThat(references()).contains(secondReference).doesNotContain(firstReference);

        browser.open("/ui/cases/" + second);
        browser.find("#rReporterContact").sendKeys("07 11 22 33 44");
        browser.find("#rAddendum").sendKeys("Le rappel venait d’un autre numéro.");
        browser.find("#rectify-form button").click();
        browser.find("p.flash.success");
        browser.waitUntil(d -> {
            d.navigate().refresh();
            return d.getPageSource().contains("07 11 22 33 44") && d.findElements(By.id("repeat-caller")).isEmpty();
        });
        assertThat(browser.text("#narrative")).endsWith("Le rappel venait d’un autre numéro.");
        browser.screenshot("find-04-rectified");

        // an auditor finds a case by its reference from the header too, but has no contact lookup
        browser.login("auditor");
        browser.find("#header-q").sendKeys(firstReference.toLowerCase());
        browser.find("#header-search button").click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/ui/cases/" + first));
        browser.open("/ui/cases");
        browser.find("#case-search");
        assertThat(browser.all("#contact-search")).as("the contact lookup is the coordinators' alone").isEmpty();
    }

    private List<String> references() {
        return browser.all("table.data tbody th a").stream().map(WebElement::getText).toList();
    }

    private static String intake(ApiClient api, String victim, String reporter) {
        ApiClient.Response reply = api.postJson("/api/referrals", "coordinator", """
                {"channel": "PHONE", "reporterRole": "VICTIM", "ageBand": "ADULT", "categories": ["DISCRIMINATION"],
                 "victim": %s, "reporter": %s, "narrative": "Appel au sujet de propos discriminatoires."}"""
                .formatted(victim, reporter));
        assertThat(reply.status()).isEqualTo(201);
        String referralId = reply.json().get("referralId").asString();
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/referrals/" + referralId, "coordinator").status() == 200);
        return referralId;
    }

    private static String reference(ApiClient api, String referralId) {
        return api.get("/api/referrals/" + referralId, "coordinator").json().get("reference").asString();
    }
}
