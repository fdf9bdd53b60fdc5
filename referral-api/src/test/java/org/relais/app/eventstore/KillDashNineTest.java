package org.relais.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relais.app.support.ApiClient;
import org.relais.app.support.ChildJvm;
import org.relais.app.support.Intakes;
import org.relais.app.support.TestDataDirs;

/**
 * A command answered as successful is on disk: Relais runs in a child JVM, clients take in cases as fast as they
 * can, the child is killed with SIGKILL in the middle of it, restarted on the same data directory, and every
 * acknowledged referral must be there.
 */
class KillDashNineTest {

    private final Path dataDir = TestDataDirs.create("kill9");
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void stopChildren() {
        children.forEach(Process::destroyForcibly);
    }

    /** Both durabilities survive a kill of the process; only power-loss also survives a power cut (not tested). */
    @ParameterizedTest(name = "relais.event-store.durability={0}")
    @ValueSource(strings = {"power-loss", "process"})
    void every_acknowledged_intake_survives_a_kill_dash_nine(String durability) throws Exception {
        int port = freePort();
        Process first = startChild(port, durability);
        ApiClient api = new ApiClient(port);
        awaitReady(api, first);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch enough = new CountDownLatch(150);
        List<Thread> clients = new ArrayList<>();
        for (int client = 0; client < 3; client++) {
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        ApiClient.Response response = api.postJson("/api/referrals", "coordinator",
                                Intakes.minorCyberharassment("Kill Test"));
                        if (response.status() == 201) {
                            acknowledged.add(response.json().get("referralId").asString());
                            enough.countDown();
                        }
                    } catch (RuntimeException connectionLost) {
                        // the child is gone: what was not acknowledged may be lost, and is not counted
                    }
                }
            });
            thread.start();
            clients.add(thread);
        }
        assertThat(enough.await(120, TimeUnit.SECONDS)).as("150 intakes acknowledged before the kill").isTrue();

        first.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no flush
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        running.set(false);
        for (Thread thread : clients) {
            thread.join(30_000);
        }
        Set<String> acknowledgedBeforeKill = Set.copyOf(acknowledged);

        Process second = startChild(port, durability);
        awaitReady(api, second);
        await().atMost(Duration.ofSeconds(60)).until(() -> readSideCaughtUp(api));

        List<String> missing = acknowledgedBeforeKill.stream()
                .filter(id -> api.get("/api/referrals/" + id, "coordinator").status() != 200)
                .toList();
        assertThat(missing).as("acknowledged referrals lost by the kill").isEmpty();
        assertThat(acknowledgedBeforeKill).hasSizeGreaterThanOrEqualTo(150);
    }

    private Process startChild(int port, String durability) throws IOException {
        Process process = new ProcessBuilder(ChildJvm.relais("384m",
                "--spring.profiles.active=demo", "--relais.data-dir=" + dataDir, "--server.port=" + port,
                "--logging.level.root=WARN", "--relais.event-store.durability=" + durability))
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("child-" + children.size() + ".log").toFile())
                .start();
        children.add(process);
        return process;
    }

    private static void awaitReady(ApiClient api, Process child) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(child.isAlive()).as("child JVM running").isTrue();
            try {
                return api.get("/actuator/health", null).status() == 200;
            } catch (RuntimeException notYetListening) {
                return false;
            }
        });
    }

    private static boolean readSideCaughtUp(ApiClient api) {
        var processors = api.get("/actuator/health", "admin").json().get("components").get("eventProcessors")
                .get("details");
        return !processors.isEmpty()
                && processors.valueStream().allMatch(p -> "caught up".equals(p.get("state").asString()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
