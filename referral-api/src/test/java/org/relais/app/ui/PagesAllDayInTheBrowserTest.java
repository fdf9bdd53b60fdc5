package org.relais.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.relais.app.support.ApiClient;
import org.relais.app.support.HttpCall;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pages as a coordinator uses them all day, in the real Chromium: axe-core on every page as each role sees it,
 * the case page and the inbox on a desktop screen and on a tablet without sideways scrolling (screenshots in
 * target/screenshots/), and a case taken in, transferred and closed with the keyboard alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "fast-passwords"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesAllDayInTheBrowserTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("pages-all-day").toString());
    }

    @LocalServerPort
    int port;

    private Browser browser;
    private String referralId;

    @BeforeAll
    void aCaseWithATransferAndTheBrowser() {
        ApiClient api = new ApiClient(port);
        referralId = api.postJson("/api/referrals", "coordinator", """
                {"channel": "PHONE", "reporterRole": "PARENT_OR_GUARDIAN", "ageBand": "AGE_11_14",
                 "categories": ["CYBERHARASSMENT"], "contentUrls": ["https://social.example/p/all-day"],
                 "victim": {"name": "Camille Toute-la-Journée", "contact": "06 12 34 56 78"},
                 "narrative": "Des messages insultants chaque soir depuis un mois, avec des photos détournées."}""")
                .json().get("referralId").asText();
        String base = "/api/referrals/" + referralId;
        assertThat(api.postJson(base + "/triage", "coordinator", "{\"riskLevel\": \"HIGH\"}").status()).isEqualTo(200);
        assertThat(api.postJson(base + "/consent", "coordinator", "{\"givenBy\": \"la mère\"}").status())
                .isEqualTo(200);
        HttpCall.Reply transfer = HttpCall.post(port, base + "/transfers").as("coordinator").json("""
                {"partnerId": "demo-police-minors", "purpose": "INVESTIGATION", "legalBasis": "CONSENT",
                 "sharedFields": ["contentUrls", "narrative"], "message": "Merci de prendre contact avec la famille."}""")
                .send();
        assertThat(transfer.status()).isEqualTo(201);
        String transferPath = base + "/transfers/" + transfer.json().get("transferId").asText();
        assertThat(api.postJson(transferPath + "/acknowledgement", "police", "").status()).isEqualTo(200);
        assertThat(api.postJson(base + "/notes", "coordinator", "{\"text\": \"Rappeler la mère jeudi.\"}").status())
                .isBetween(200, 201);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> api.get(base, "police").status() == 200);
        browser = Browser.start(port);
    }

    @AfterAll
    void stopTheBrowser() {
        if (browser != null) {
            browser.open("/login");  // leaves any live dashboard, closing its event stream first
            browser.close();
        }
    }

    @Test
    void every_page_as_each_role_sees_it_has_no_serious_or_critical_accessibility_violation() {
        List<String> checked = new ArrayList<>();
        browser.driver.manage().deleteAllCookies();
        browser.open("/login");
        check("/login", checked);

        Map<String, List<String>> pagesByRole = Map.of(
                "coordinator", List.of("/ui/dashboard", "/ui/cases", "/ui/cases?status=IN_PROGRESS", "/ui/cases/new",
                        "/ui/cases/" + referralId, "/ui/cases/" + referralId + "/earlier", "/ui/notifications",
                        "/ui/cases/00000000-0000-0000-0000-000000000000"),
                "police", List.of("/ui/inbox", "/ui/cases/" + referralId),
                "auditor", List.of("/ui/cases", "/ui/dashboard", "/ui/cases/" + referralId,
                        "/ui/cases/" + referralId + "/history",
                        "/ui/cases/" + referralId + "/history?asOf=2999-01-01T00:00:00",
                        "/ui/audit/access", "/ui/audit/access?referralId=" + referralId, "/ui/audit/verification",
                        "/ui/audit/trusted-flagger"),
                "admin", List.of("/ui/admin/partners", "/ui/admin/projections", "/ui/admin/subject-export"));
        for (String role : List.of("coordinator", "police", "auditor", "admin")) {
            browser.open("/login");
            browser.login(role);
            for (String path : pagesByRole.get(role)) {
                browser.open(path);
                check(role + " " + path, checked);
            }
        }

        // A refused form is a page too: its messages and marks must be as accessible as the rest.
        browser.open("/login");
        browser.login("coordinator");
        browser.open("/ui/cases/new");
        browser.find("#victimName").sendKeys("Sans catégorie");
        browser.find("#intake-submit").click();
        browser.find("#categories-error");
        check("coordinator refused intake", checked);
        browser.open("/login");
        assertThat(checked).hasSize(24);
    }

    private void check(String page, List<String> checked) {
        browser.find("main h1");
        assertThat(browser.all("head link[rel=icon][type='image/svg+xml']")).as("favicon on " + page).hasSize(1);
        browser.assertAccessible(page);
        checked.add(page);
    }

    @Test
    void the_case_page_and_the_inbox_fit_a_desktop_screen_and_a_tablet() {
        try {
            for (int width : new int[] {1280, 800}) {
                browser.driver.manage().window().setSize(new Dimension(width, 1000));
                browser.open("/login");
                browser.login("coordinator");
                browser.open("/ui/cases/" + referralId);
                browser.find("article.transfer");
                assertFits("case page", width);
                browser.screenshot("all-day-case-" + width);
                browser.open("/ui/dashboard");
                browser.find("#partner-kpis");
                assertFits("dashboard", width);
                // A partner's name takes a line or two beside its figures, not a column of single words.
                Number lines = (Number) browser.driver.executeScript("""
                        var cell = document.querySelector('#partner-kpis tbody th[scope=row]');
                        var style = getComputedStyle(cell);
                        return cell.getBoundingClientRect().height / (parseFloat(style.fontSize) * 1.2);""");
                assertThat(lines.doubleValue()).as("lines of a partner's name on the dashboard at " + width + " px")
                        .isLessThan(3.5);
                browser.screenshot("all-day-dashboard-" + width);
                browser.open("/login");
                browser.login("police");
                browser.open("/ui/inbox");
                browser.find("main table");
                assertFits("inbox", width);
                browser.screenshot("all-day-inbox-" + width);
            }
        } finally {
            browser.driver.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    private void assertFits(String page, int width) {
        Number scrollWidth = (Number) browser.driver.executeScript("return document.documentElement.scrollWidth");
        Number innerWidth = (Number) browser.driver.executeScript("return window.innerWidth");
        assertThat(innerWidth.intValue()).as("viewport of the " + width + " px window").isLessThanOrEqualTo(width);
        Object widest = browser.driver.executeScript("""
                return Array.from(document.querySelectorAll('body *'))
                  .filter(function (e) { return e.getBoundingClientRect().right > window.innerWidth + 1; })
                  .slice(0, 8).map(function (e) {
                    return e.tagName + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined
                        ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right); }).join(', ');""");
        assertThat(scrollWidth.intValue()).as(page + " at " + width + " px: nothing scrolls sideways (" + widest + ")")
                .isLessThanOrEqualTo(innerWidth.intValue());
    }

    @Test
    void a_case_is_taken_in_transferred_and_closed_with_the_keyboard_alone() {
        browser.driver.manage().deleteAllCookies();
        browser.open("/login");
        focus("username");
        type("coordinator" + Keys.TAB + "coordinator" + Keys.ENTER);
        browser.waitUntil(d -> !d.getCurrentUrl().contains("/login"));

        browser.open("/ui/cases/new");
        choose("channel", "PHONE");
        choose("reporterRole", "VICTIM");
        choose("ageBand", "AGE_15_17");
        focus("victimName");
        type("Noa Clavier");
        focus("narrative");
        type("Appel pris au clavier seul.");
        // Forgetting the category: the form comes back with what was typed and the focus on the categories.
        focus("intake-submit");
        type(Keys.ENTER);
        browser.find("#categories-error");
        assertThat(activeId()).isEqualTo("cat-CYBERHARASSMENT");
        assertThat(browser.find("#victimName").getAttribute("value")).isEqualTo("Noa Clavier");
        type(Keys.SPACE);
        focus("intake-submit");
        type(Keys.ENTER);
        browser.waitUntil(d -> d.getCurrentUrl().matches(".*/ui/cases/[0-9a-f-]{36}$"));

        choose("riskLevel", "MODERATE");
        focus("triage-submit");
        type(Keys.ENTER);
        browser.waitUntil(d -> d.findElement(By.id("case-risk")).getText().equals("Modéré"));
        focus("givenBy");
        type("La victime" + Keys.ENTER);
        browser.waitUntil(d -> d.findElement(By.id("case-consent")).getText().equals("Oui"));
        choose("destination", "demo-police-minors|INVESTIGATION");
        choose("legalBasis", "CONSENT");
        focus("transfer-submit");
        type(Keys.ENTER);
        WebElement transfer = browser.find("article.transfer[data-state=REQUESTED]");
        assertThat(transfer.getText()).contains("Brigade de protection des mineurs (démo)");

        focus("cancel-" + transfer.getAttribute("data-transfer-id"));
        type("Orientation erronée" + Keys.ENTER);
        browser.find("article.transfer[data-state=CANCELLED]");
        choose("closureOutcome", "NO_FURTHER_ACTION");
        focus("closure-submit");
        type(Keys.ENTER);
        browser.waitUntil(d -> d.findElement(By.id("case-status")).getText().equals("Clôturé"));
        assertThat(browser.text("#case-timeline")).contains("Consentement au partage recueilli.",
                "Transmission à Brigade de protection des mineurs (démo) annulée", "Dossier clôturé : Sans suite.");
        browser.screenshot("all-day-keyboard-closed");
    }

    /** Tabs forward until the element has the focus, as a person would; fails if Tab never reaches it. */
    private void focus(String id) {
        for (int presses = 0; presses < 300; presses++) {
            if (id.equals(activeId())) {
                return;
            }
            type(Keys.TAB);
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    /** Focuses a list, then moves through its options with the arrow keys until the wanted one is chosen. */
    private void choose(String id, String value) {
        focus(id);
        for (int presses = 0; presses < 40; presses++) {
            if (value.equals(browser.driver.executeScript("return document.activeElement.value"))) {
                return;
            }
            type(Keys.ARROW_DOWN);
        }
        throw new AssertionError("#" + id + " never offered " + value);
    }

    private String activeId() {
        return (String) browser.driver.executeScript("return document.activeElement && document.activeElement.id");
    }

    private void type(CharSequence keys) {
        new Actions(browser.driver).sendKeys(keys).perform();
    }
}
