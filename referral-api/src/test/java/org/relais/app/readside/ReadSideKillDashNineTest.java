package org.relais.app.readside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.relais.core.api.admin.FindProjectionsQuery;
import org.relais.core.api.admin.ProjectionStatusView;
import org.relais.projections.rebuild.ProjectionComparison;
import org.relais.projections.rebuild.ProjectionRebuilder;
import org.relais.app.RelaisApplication;
import org.relais.app.support.ApiClient;
import org.relais.app.support.ChildRelais;
import org.relais.app.support.Intakes;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The embedded read side survives SIGKILL without a replay: Relais runs in a child JVM and is killed once in the
 * middle of intake traffic and once while every read model is being rebuilt (a replay from the first event into new
 * collections); each restart opens the file kept from the last run and the processors resume from their stored
 * tokens. Then every read model is compared with a fresh replay of the event store: no difference.
 */
class ReadSideKillDashNineTest {

    private static final String KEPT = "Opening the embedded read side kept from the last run";

    private final Path dataDir = TestDataDirs.create("readside-kill9");

    @Test
    void every_read_model_equals_a_fresh_replay_after_kills_during_intake_and_during_a_catch_up() throws Exception {
        // a claim timeout longer than a restart takes: what the killed process left must be released, not outwaited
        try (ChildRelais child = new ChildRelais(dataDir, List.of("--logging.level.org.relais.app.readside=INFO",
                "--logging.level.org.relais.embeddedmongo=INFO", "--relais.processing.claim-timeout=PT60S"))) {
            child.start();
            ApiClient api = child.client();
            killDuringIntake(child, api);

            child.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> caughtUp(api));
            // caught up because this process works on its segments, not because the killed one still seemed to
            // hold them: its heartbeat and claims are released at start (nobody else can share an embedded read side)
            JsonNode sharing = api.get("/actuator/health", "admin").json().get("components").get("segments")
                    .get("details");
            assertThat(sharing.get("liveInstances").asInt()).isEqualTo(1);
            assertThat(sharing.get("claimed").has("read-models")).as(sharing.toString()).isTrue();
            for (JsonNode projection : api.get("/api/admin/projections", "admin").json()) {
                String name = projection.get("name").asString();
                assertThat(api.post("/api/admin/projections/" + name + "/rebuild", "admin", "application/json", "")
                        .status()).isEqualTo(202);
            }
            child.kill();

            child.start();
            await().atMost(Duration.ofSeconds(120)).until(() -> caughtUp(api));
            for (int i = 0; i < 20; i++) {
                assertThat(api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment("After"))
                        .status()).isEqualTo(201);
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> caughtUp(api));
            child.stop();
        }
        for (String log : List.of("child-1.log", "child-2.log")) {
            assertThat(Files.readString(dataDir.resolve(log))).as(log).contains(KEPT)
                    .doesNotContain("moved aside").doesNotContain("could not be opened");
        }
        compareEveryReadModelWithAFreshReplay();
    }

    private static void killDuringIntake(ChildRelais child, ApiClient api) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch enough = new CountDownLatch(120);
        List<Thread> clients = new ArrayList<>();
        for (int client = 0; client < 3; client++) {
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        if (api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment("Kill Read"))
                                .status() == 201) {
                            enough.countDown();
                        }
                    } catch (RuntimeException connectionLost) {
                        // the child is gone
                    }
                }
            });
            thread.start();
            clients.add(thread);
        }
        assertThat(enough.await(120, TimeUnit.SECONDS)).as("intakes acknowledged before the kill").isTrue();
        child.kill();
        running.set(false);
        for (Thread thread : clients) {
            thread.join(30_000);
        }
    }

    /** In process, on the same data directory: each read model against a replay of the event store. */
    private void compareEveryReadModelWithAFreshReplay() throws Exception {
        try (ConfigurableApplicationContext relais = new SpringApplicationBuilder(RelaisApplication.class)
                .profiles("demo").run("--relais.data-dir=" + dataDir, "--server.port=0",
                        "--logging.level.root=WARN")) {
            QueryGateway queries = relais.getBean(QueryGateway.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> queries.query(new FindProjectionsQuery(),
                    ResponseTypes.multipleInstancesOf(ProjectionStatusView.class)).join(), views -> !views.isEmpty()
                    && views.stream().allMatch(view -> view.caughtUp() && view.lag() == 0));
            ProjectionRebuilder rebuilder = relais.getBean(ProjectionRebuilder.class);
            for (String name : rebuilder.names()) {
                ProjectionComparison comparison = rebuilder.compareWithFreshReplay(name);
                assertThat(comparison.differences()).as(name).isEmpty();
                assertThat(comparison.identical()).as(name).isTrue();
            }
        }
    }

    private static boolean caughtUp(ApiClient api) {
        JsonNode processors = api.get("/actuator/health", "admin").json().get("components").get("eventProcessors")
                .get("details");
        if (processors.isEmpty() || !processors.valueStream().allMatch(p -> "caught up".equals(p.get("state")
                .asString()))) {
            return false;
        }
        for (JsonNode projection : api.get("/api/admin/projections", "admin").json()) {
            JsonNode rebuild = projection.get("rebuild");
            if (rebuild != null && !rebuild.isNull() && "RUNNING".equals(rebuild.get("state").asString())) {
                return false;
            }
        }
        return true;
    }
}
