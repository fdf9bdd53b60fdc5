package org.relais.app.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relais.app.support.ApiClient;
import org.relais.app.support.Intakes;

/**
 * One of two instances is killed with SIGKILL while both take in cases: the survivor takes over its segments once
 * their claims are stale (claim timeout 5 s here), and every case stored before or after is in its read models,
 * once. The takeover time is measured and printed.
 */
class InstanceCrashTakeoverTest {

    private RelaisCluster cluster;

    @BeforeAll
    static void requirePostgres() {
        RelaisCluster.requirePostgres();
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void the_survivor_takes_over_the_segments_of_a_killed_instance_within_the_claim_timeout() throws Exception {
        cluster = new RelaisCluster("crash-takeover");
        RelaisCluster.Instance victim = cluster.start("relais");
        victim.awaitReady();
        RelaisCluster.Instance survivor = cluster.start("relais");
        survivor.awaitReady();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                cluster.owners("relais").get("case-list").values().stream().filter(victim::ownsToken).count() == 1
                        && cluster.owners("relais").get("case-list").values().stream()
                        .filter(survivor::ownsToken).count() == 1);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch enough = new CountDownLatch(60);
        List<Thread> clients = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            ApiClient api = (client % 2 == 0 ? victim : survivor).api();
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        ApiClient.Response response = api.postJson("/api/referrals", "coordinator",
                                Intakes.minorCyberharassment("Crash Test"));
                        if (response.status() == 201) {
                            acknowledged.add(response.json().get("referralId").asString());
                            enough.countDown();
                        }
                    } catch (RuntimeException connectionLost) {
                        return; // the victim is gone: what it did not acknowledge is not counted
                    }
                }
            });
            thread.start();
            clients.add(thread);
        }
        assertThat(enough.await(60, TimeUnit.SECONDS)).as("intakes acknowledged before the kill").isTrue();

        long killedAt = System.nanoTime();
        victim.process().destroyForcibly(); // SIGKILL: no release of claims, no goodbye heartbeat
        assertThat(victim.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                cluster.owners("relais").values().stream().flatMap(segments -> segments.values().stream())
                        .allMatch(survivor::ownsToken));
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
        System.out.printf("Takeover after kill -9: %d ms (claim timeout %d ms, claim interval %d ms)%n",
                takeover.toMillis(), RelaisCluster.CLAIM_TIMEOUT.toMillis(), RelaisCluster.CLAIM_INTERVAL.toMillis());

        // the survivor keeps taking cases after the takeover
        int afterTakeover = acknowledged.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= afterTakeover + 10);
        running.set(false);
        for (Thread thread : clients) {
            thread.join(30_000);
        }

        // stale after at most one claim timeout, seen at the survivor's next heartbeat and claim attempt
        assertThat(takeover).isLessThan(RelaisCluster.CLAIM_TIMEOUT
                .plus(RelaisCluster.CLAIM_INTERVAL.multipliedBy(2)).plusSeconds(2));
        long stored = storedIntakes();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(survivor.caughtUp()).isTrue();
            assertThat(survivor.caseList()).hasSize((int) stored);
        });
        Map<String, String> caseList = survivor.caseList();
        assertThat(caseList.keySet()).as("every acknowledged intake, on either instance").containsAll(acknowledged);
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(60);
    }

    /** Intakes in the event store: the acknowledged ones and any the victim stored without answering. */
    private long storedIntakes() throws Exception {
        try (Connection connection = DriverManager.getConnection(cluster.jdbcUrl(), RelaisCluster.PG_USER, "");
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery(
                     "SELECT COUNT(*) FROM domainevententry WHERE payloadType LIKE '%ReferralReceivedEvent'")) {
            count.next();
            return count.getLong(1);
        }
    }

}
