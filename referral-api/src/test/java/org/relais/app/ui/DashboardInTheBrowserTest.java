package org.relais.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.relais.core.api.referral.AcknowledgeTransferCommand;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.GiveConsentCommand;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.referral.ReceiveReferralCommand;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.ShareableField;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TriageReferralCommand;
import org.relais.app.support.Commands;
import org.relais.app.support.MutableClock;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard in a real browser (headless Chromium) on cases made on a clock the test moves: the period form
 * shows a past period's charts (intakes per week by channel and by category, share of minors, breaches per partner)
 * as SVG with their tables, without a live stream; the current period is live; a bad period is said, not failed;
 * axe-core finds nothing serious on the page with its charts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "fast-passwords"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardInTheBrowserTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final MutableClock CLOCK = new MutableClock(at(2, 10), PARIS);
    static final Clock SYSTEM = GenericEventMessage.clock;

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("web-ui-dashboard").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway gateway;

    private Browser coordinator;

    @BeforeAll
    void casesAndBrowser() {
        GenericEventMessage.clock = CLOCK;
        Commands commands = new Commands(gateway);
        String late = intake(commands, at(2, 10), Channel.PHONE, AgeBand.AGE_15_17);
        commands.requestTransfer(late, "t-1", "demo-platform", TransferPurpose.CONTENT_REMOVAL,
                Set.of(ShareableField.CONTENT_URLS));
        CLOCK.set(at(2, 13));
        commands.send(new AcknowledgeTransferCommand(late, "t-1"), Commands.liaison("platform", "demo-platform"));
        intake(commands, at(3, 11), Channel.CHAT, AgeBand.ADULT);
        intake(commands, at(10, 9), Channel.PHONE, AgeBand.ADULT);
        CLOCK.set(at(20, 9));
        coordinator = Browser.start(port);
    }

    @AfterAll
    void stop() {
        GenericEventMessage.clock = SYSTEM;
        if (coordinator != null) {
            coordinator.open("/login");
            coordinator.close();
        }
    }

    @Test
    void the_period_form_shows_the_charts_with_their_tables_and_the_page_is_accessible() {
        coordinator.login("coordinator");
        coordinator.open("/ui/dashboard");
        coordinator.find("#period-form");
        coordinator.driver.executeScript("document.getElementById('p-from').value = '2026-11-02';"
                + "document.getElementById('p-to').value = '2026-11-15';");
        coordinator.find("#period-submit").click();
        coordinator.waitUntil(d -> d.getCurrentUrl().contains("from=2026-11-02"));
        coordinator.waitUntil(d -> !d.findElements(By.cssSelector("#charts[data-from='2026-11-02']")).isEmpty());
        assertThat(coordinator.find("#dashboard").getAttribute("data-stream")).as("a past period is not live")
                .isNull();

        for (String chart : List.of("intake-by-channel", "intake-by-category", "minor-share",
                "breaches-per-partner")) {
            assertThat(coordinator.all("#" + chart + " svg[role=img][aria-label] rect")).as(chart).isNotEmpty();
            assertThat(coordinator.all("#" + chart + " table tbody tr")).as(chart).isNotEmpty();
        }
        // Two weeks: 2 cases (PHONE 1, CHAT 1) in the week of 2 November, 1 (PHONE) in the week of 9 November.
        coordinator.driver.executeScript("document.querySelectorAll('details').forEach(d => d.open = true)");
        assertThat(coordinator.text("#intake-by-channel-table tbody tr:nth-of-type(1)")).contains("2026-11-02");
        assertThat(coordinator.all("#intake-by-channel-table tbody tr")).hasSize(2);
        assertThat(coordinator.text("#minor-share-table tbody tr:nth-of-type(1)")).contains("50 %");
        assertThat(coordinator.text("#breaches-per-partner-table")).contains("2026-11", "1");
        assertThat(coordinator.text("tr[data-partner='demo-platform'] .breaches")).isEqualTo("1");
        coordinator.screenshot("dashboard-period");
        coordinator.assertAccessible("/ui/dashboard?from=2026-11-02&to=2026-11-15");
    }

    @Test
    void the_current_period_is_live_and_a_bad_period_is_said_rather_than_failed() {
        coordinator.login("coordinator");
        coordinator.open("/ui/dashboard");
        coordinator.waitUntil(d -> !d.findElements(By.cssSelector("#dashboard[data-updates]")).isEmpty());
        assertThat(coordinator.find("#charts").getAttribute("data-to")).isEqualTo("2026-11-20");
        coordinator.assertAccessible("/ui/dashboard");

        coordinator.open("/ui/dashboard?from=2026-11-15&to=2026-11-02");
        assertThat(coordinator.find("#period-error").getText()).isNotBlank();
        assertThat(coordinator.find("#p-to").getAttribute("aria-invalid")).isEqualTo("true");
    }

    private static String intake(Commands commands, Instant at, Channel channel, AgeBand ageBand) {
        CLOCK.set(at);
        String referralId = UUID.randomUUID().toString();
        commands.send(new ReceiveReferralCommand(referralId, channel, ReporterRole.VICTIM, ageBand,
                Set.of(Category.CYBERHARASSMENT), new PersonalDetails("Chart Person", null, null, null,
                        "For the dashboard's charts", List.of("https://social.example/p/charts"))),
                Commands.COORDINATOR);
        commands.send(new TriageReferralCommand(referralId, RiskLevel.MODERATE, null, null), Commands.COORDINATOR);
        commands.send(new GiveConsentCommand(referralId, "the victim"), Commands.COORDINATOR);
        return referralId;
    }

    /** An instant of November 2026 in Paris. */
    private static Instant at(int day, int hour) {
        return LocalDateTime.of(2026, 11, day, hour, 0).atZone(PARIS).toInstant();
    }
}
