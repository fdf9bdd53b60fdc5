package org.relais.app.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relais.app.support.ApiClient;
import org.relais.app.support.Intakes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two Relais JVMs on one PostgreSQL event store and one MongoDB read side share the event processors' segments,
 * take commands side by side, number references without collision, and end with read models equal to what a full
 * replay of the event store produces.
 */
class TwoInstancesShareTheWorkTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
    void two_instances_split_the_segments_and_serve_what_a_full_replay_produces() throws Exception {
        cluster = new RelaisCluster("two-instances");
        RelaisCluster.Instance one = cluster.start("relais");
        one.awaitReady();
        RelaisCluster.Instance two = cluster.start("relais");
        two.awaitReady();

        // the first instance held every segment; once the second beats, each keeps its share
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertSplit(cluster.owners("relais"), one, two));
        Map<String, Map<Integer, String>> split = cluster.owners("relais");
        System.out.println("Segments after the second instance joined: " + split);

        // intakes on both instances at once, while both instances' claims are sampled
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<String> overlaps = new CopyOnWriteArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleWithFixedDelay(() -> {
            Map<String, Set<Integer>> first = one.claimed();
            Map<String, Set<Integer>> second = two.claimed();
            first.forEach((processor, segments) -> {
                Set<Integer> both = new HashSet<>(segments);
                both.retainAll(second.getOrDefault(processor, Set.of()));
                if (!both.isEmpty()) {
                    overlaps.add(processor + " " + both);
                }
            });
        }, 0, 100, TimeUnit.MILLISECONDS);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> sent = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            ApiClient api = (client % 2 == 0 ? one : two).api();
            int number = client;
            sent.add(clients.submit(() -> {
                for (int i = 0; i < 30; i++) {
                    ApiClient.Response response = api.postJson("/api/referrals", "coordinator",
                            Intakes.minorCyberharassment("Twin " + number + "-" + i));
                    assertThat(response.status()).as(response.body()).isEqualTo(201);
                    acknowledged.add(response.json().get("referralId").asString());
                }
            }));
        }
        for (Future<?> client : sent) {
            client.get();
        }
        clients.shutdown();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(one.caughtUp()).as("one caught up: " + one.health()).isTrue();
            assertThat(two.caughtUp()).as("two caught up: " + two.health()).isTrue();
            assertThat(one.caseList()).hasSize(acknowledged.size());
            assertThat(two.caseList()).hasSize(acknowledged.size());
        });
        sampler.shutdown();
        assertThat(sampler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(overlaps).as("a segment claimed by both instances at once").isEmpty();
        assertThat(cluster.owners("relais")).as("the split held under load").isEqualTo(split);
        Map<String, String> caseList = one.caseList();
        assertThat(caseList.keySet()).isEqualTo(acknowledged);
        assertThat(two.caseList()).as("both instances serve the same case list").isEqualTo(caseList);
        List<String> references = caseList.values().stream()
                .map(line -> JSON.readTree(line).get("reference").asString()).toList();
        assertThat(new HashSet<>(references)).as("references from two instances").hasSize(acknowledged.size());

        // a third instance on a fresh read side replays the whole event store alone (the integrity chain, kept in
        // the event store's database, stays with the first two)
        RelaisCluster.Instance replay = cluster.start("replay");
        replay.awaitReady();
        await().atMost(Duration.ofSeconds(60)).until(() -> replay.caughtUp("case-list")
                && replay.caseList().size() == acknowledged.size());
        assertThat(replay.caseList()).as("the live read model equals a full replay").isEqualTo(caseList);
    }

    /** Every processor's segments are held, and each instance holds some of every two-segment processor. */
    private static void assertSplit(Map<String, Map<Integer, String>> owners, RelaisCluster.Instance one,
                                    RelaisCluster.Instance two) {
        assertThat(owners).containsKeys("case-list", "dashboard");
        owners.forEach((processor, segments) -> {
            assertThat(segments.values()).as(processor + " claimed").allSatisfy(owner ->
                    assertThat(one.ownsToken(owner) || two.ownsToken(owner)).isTrue());
            if (segments.size() == RelaisCluster.SEGMENTS) {
                assertThat(segments.values().stream().filter(one::ownsToken).count()).as(processor + " on one")
                        .isEqualTo(1);
                assertThat(segments.values().stream().filter(two::ownsToken).count()).as(processor + " on two")
                        .isEqualTo(1);
            }
        });
    }

}
