package org.relais.web.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.relais.web.RelaisApplication;
import org.relais.web.support.ApiClient;
import org.relais.web.support.Intakes;
import org.relais.web.support.TestDataDirs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The embedded read side lives in memory: after a restart it is rebuilt from the events on disk. */
class RestartTest {

    private final Path dataDir = TestDataDirs.create("restart");

    @Test
    void a_referral_taken_in_before_a_restart_is_served_again_after_it() {
        String referralId;
        String reference;
        try (ConfigurableApplicationContext first = start()) {
            ApiClient api = client(first);
            ApiClient.Response created = api.postJson("/api/referrals", "coordinator",
                    Intakes.minorCyberharassment("Inès Restart"));
            assertThat(created.status()).isEqualTo(201);
            referralId = created.json().get("referralId").asString();
            reference = await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.get("/api/referrals/" + referralId, "coordinator"), r -> r.status() == 200)
                    .json().get("reference").asString();
        }

        try (ConfigurableApplicationContext second = start()) {
            ApiClient api = client(second);
            ApiClient.Response detail = await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.get("/api/referrals/" + referralId, "coordinator"), r -> r.status() == 200);
            assertThat(detail.json().get("reference").asString()).isEqualTo(reference);
            assertThat(detail.json().get("victim").get("name").asString()).isEqualTo("Inès Restart");

            ApiClient.Response next = api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment("B"));
            String nextReference = await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.get("/api/referrals/" + next.json().get("referralId").asString(), "coordinator"),
                            r -> r.status() == 200)
                    .json().get("reference").asString();
            assertThat(nextReference).as("reference numbers continue after a restart").isGreaterThan(reference);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(RelaisApplication.class)
                .profiles("demo")
                .run("--relais.data-dir=" + dataDir, "--server.port=0");
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
    }
}
