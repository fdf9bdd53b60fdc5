package org.relais.app.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.relais.app.support.ApiClient;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class HealthTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("health").toString());
    }

    @LocalServerPort
    int port;

    @Test
    void health_reports_the_event_store_the_read_side_and_each_processor() {
        ApiClient api = new ApiClient(port);

        JsonNode health = await().until(() -> api.get("/actuator/health", "admin"), r -> r.status() == 200).json();

        assertThat(health.get("status").asString()).isEqualTo("UP");
        JsonNode components = health.get("components");
        assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("readSide").get("status").asString()).isEqualTo("UP");
        assertThat(components.has("mongo")).as("Boot's hello-based indicator is off").isFalse();
        JsonNode processors = components.get("eventProcessors").get("details");
        // one segment (the embedded default): the read models share one processor, which names them
        JsonNode readModels = processors.get("read-models");
        assertThat(readModels.has("eventsDone")).isTrue();
        assertThat(readModels.get("readModels").valueStream().map(JsonNode::asString).toList())
                .containsExactly("access-log", "audit-trail", "case-detail", "case-list", "conversations",
                        "dashboard", "flagger-notices", "notifications", "partner-directory", "partner-inbox");
        assertThat(processors.has("case-list")).as("no processor of its own").isFalse();
        assertThat(processors.has("integrity-chain")).as("the other processors keep theirs").isTrue();
    }

    @Test
    void anonymous_callers_see_the_status_but_no_details() {
        JsonNode health = new ApiClient(port).get("/actuator/health", null).json();

        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.toString()).doesNotContain("eventsDone", "database");
    }

    @Test
    void prometheus_metrics_are_served_to_admins_only() {
        ApiClient api = new ApiClient(port);
        ApiClient.Response metrics = api.get("/actuator/prometheus", "admin");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_threads_live_threads", "jvm_gc_live_data_size_bytes",
                "http_server_requests");
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
    }
}
