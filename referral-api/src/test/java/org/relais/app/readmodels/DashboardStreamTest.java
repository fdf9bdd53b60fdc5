package org.relais.app.readmodels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.stream.Stream;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.query.DashboardView;
import org.relais.core.api.query.FindDashboardQuery;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An open dashboard (a real HTTP client on the SSE stream) sees a command's effect within a second. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class DashboardStreamTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("dashboard-stream").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commandGateway;

    @Autowired
    QueryGateway queries;

    @Test
    void a_subscribed_client_gets_the_new_figures_after_each_intake_without_asking() throws Exception {
        ReadModelsThroughTheRealBusTest.awaitCaughtUp(queries);
        ConcurrentLinkedDeque<JsonNode> received = new ConcurrentLinkedDeque<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/dashboard/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("coordinator:coordinator".getBytes(StandardCharsets.UTF_8))).GET().build();
        CompletableFuture<HttpResponse<Stream<String>>> response = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<Void> reading = response.thenAccept(lines -> {
            assertThat(lines.statusCode()).isEqualTo(200);
            lines.body().filter(line -> line.startsWith("data:"))
                    .forEach(line -> received.add(JSON.readTree(line.substring(5))));
        });
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            long before = received.getLast().get("cases").asLong();

            Actors actors = new Actors(commandGateway);
            actors.intake(UUID.randomUUID().toString(), Channel.PHONE, AgeBand.UNDER_11, Category.CHILD_NEGLECT);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                    .until(() -> received.getLast().get("cases").asLong() == before + 1);

            actors.intake(UUID.randomUUID().toString(), Channel.CHAT, AgeBand.ADULT, Category.HATE_SPEECH);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                    .until(() -> received.getLast().get("cases").asLong() == before + 2);
            assertThat(received.getLast().get("minors").asLong()).isPositive();
        } finally {
            reading.cancel(true);
            response.thenAccept(lines -> lines.body().close());
        }
    }

    @Test
    void a_dashboard_read_after_a_change_has_the_change_although_the_last_read_figures_are_kept() {
        ReadModelsThroughTheRealBusTest.awaitCaughtUp(queries);
        DashboardView before = queries.query(new FindDashboardQuery(), DashboardView.class).join();
        assertThat(queries.query(new FindDashboardQuery(), DashboardView.class).join())
                .as("nothing written in between: the same figures").isEqualTo(before);

        new Actors(commandGateway).intake(UUID.randomUUID().toString(), Channel.PHONE, AgeBand.AGE_15_17,
                Category.CYBERHARASSMENT);
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.query(new FindDashboardQuery(),
                DashboardView.class).join().cases() == before.cases() + 1);
        DashboardView after = queries.query(new FindDashboardQuery(), DashboardView.class).join();
        assertThat(after.cases()).isEqualTo(before.cases() + 1);
        assertThat(after.minors()).isEqualTo(before.minors() + 1);
    }
}
