package org.relais.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.relais.app.RelaisApplication;
import org.relais.app.support.ApiClient;
import org.relais.app.support.Intakes;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Events survive a restart; the embedded read side is kept in the data directory across a clean restart and rebuilt
 * from the events after an unclean one.
 */
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

    @Test
    void a_restart_keeps_the_read_side_and_the_open_marker_of_the_earlier_store_no_longer_discards_it() throws Exception {
        String referralId;
        try (ConfigurableApplicationContext first = start()) {
            ApiClient api = client(first);
            referralId = api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment("Kept"))
                    .json().get("referralId").asString();
            await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/referrals?size=50", "coordinator")
                    .body().contains(referralId));
            // a document no event produces: it can only be there if the store itself was kept
            first.getBean(MongoTemplate.class).getCollection("restart_sentinel").insertOne(new Document("_id", "s"));
        }

        try (ConfigurableApplicationContext second = start()) {
            assertThat(second.getBean(MongoTemplate.class).getCollection("restart_sentinel").countDocuments())
                    .as("kept after a clean stop").isEqualTo(1);
            assertThat(client(second).get("/api/referrals?size=50", "coordinator").body()).contains(referralId);
        }

        // the marker the earlier MVStore read side left while open: each write command is now one SQLite
        // transaction, so the file is kept whatever the stop (ReadSideKillDashNineTest kills a real process)
        Files.writeString(dataDir.resolve("readside.open"), "open\n");
        try (ConfigurableApplicationContext third = start()) {
            assertThat(third.getBean(MongoTemplate.class).getCollection("restart_sentinel").countDocuments())
                    .as("kept: no replay").isEqualTo(1);
            assertThat(dataDir.resolve("readside.open")).doesNotExist();
            assertThat(client(third).get("/api/referrals?size=50", "coordinator").body()).contains(referralId);
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
