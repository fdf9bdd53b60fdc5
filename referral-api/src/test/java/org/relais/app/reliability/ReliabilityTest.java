package org.relais.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.relais.app.support.TestDataDirs;

/**
 * Nothing lost, nothing duplicated, through SIGKILLs under load. The test command runs a short version; the long
 * one is documented in docs/production.md ("Reliability") and writes docs/reliability.md:
 * {@code ./mvnw -B -pl referral-api -am test -Dtest=ReliabilityTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Drelais.reliability.clients=6 -Drelais.reliability.duration=PT5M -Drelais.reliability.kills=6
 * -Drelais.reliability.report=true}
 */
class ReliabilityTest {

    @Test
    void acknowledged_requests_survive_kills_once_each_and_every_check_against_the_events_holds() throws Exception {
        int clients = Integer.getInteger("relais.reliability.clients", 3);
        Duration duration = Duration.parse(System.getProperty("relais.reliability.duration", "PT50S"));
        int kills = Integer.getInteger("relais.reliability.kills", 2);
        Figures figures = new ReliabilityRun(TestDataDirs.create("reliability"), clients, duration, kills, 20261129L)
                .run();

        System.out.println("RELIABILITY\n" + figures.table());
        if (Boolean.getBoolean("relais.reliability.report")) {
            Path report = Path.of("..", "docs", "reliability.md");
            Files.createDirectories(report.getParent());
            // the figures measured by other tests (the section below the run's) are kept as they are
            String kept = Files.exists(report) ? Files.readString(report) : "";
            int edges = kept.indexOf("\n## Trust at the edges");
            Files.writeString(report, """
                    # Reliability: the last long run

                    %s, %d cores, %s. Clients drive whole lifecycles over HTTP with idempotency keys and retries;
                    the process is killed with SIGKILL at random moments and restarted; then every acknowledged request
                    is looked for in the event store (read directly, Relais stopped).

                    %s
                    Command: see `ReliabilityTest` and [production.md](production.md) ("Reliability").
                    """.formatted(LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), figures.table())
                    + (edges < 0 ? "" : kept.substring(edges)));
        }

        assertThat(figures.acknowledged.get()).as("work was acknowledged").isPositive();
        assertThat(figures.recoveries).as("kills survived").hasSize(kills);
        assertThat(figures.lost).as("acknowledged but lost").isZero();
        assertThat(figures.duplicated).as("stored twice").isZero();
        assertThat(figures.overdueFiredOnce).as("deadlines fired exactly once").isEqualTo(figures.overdueTransfers);
        assertThat(figures.readModelMismatches).as("read models differing from a fresh replay").isZero();
        assertThat(figures.dashboardCases).as("dashboard cases vs intake events").isEqualTo(figures.receivedEvents);
        assertThat(figures.chainValid).as("tamper-evidence verification").isTrue();
        assertThat(ResourceSample.flat(figures.resources)).as("heap and threads flat, health answering: "
                + ResourceSample.summary(figures.resources)).isTrue();
    }
}
