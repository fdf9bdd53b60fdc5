package org.relais.app.readmodels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.queryhandling.QueryGateway;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.relais.projections.support.ProjectionGenerations;
import org.relais.app.RelaisApplication;
import org.relais.app.health.CatchUpMonitor;
import org.relais.app.support.ApiClient;
import org.relais.app.support.Intakes;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A read side written with a processor per read model (as earlier versions did, or with
 * {@code relais.processing.shared-read-models=false}) is carried over when the read models move to the shared
 * processor: it starts where their own processors stopped instead of replaying the whole history. The proof is a
 * case summary removed by hand before the move: a replay would have written it again.
 */
class MovingToTheSharedProcessorTest {

    private final Path dataDir = TestDataDirs.create("shared-processor-move");

    @Test
    void the_shared_processor_starts_where_the_read_models_own_processors_stopped() {
        String kept;
        String removed;
        try (ConfigurableApplicationContext perReadModel = start(false)) {
            assertThat(processorOfTheCaseList(perReadModel)).isEqualTo("case-list");
            ApiClient api = client(perReadModel);
            removed = intake(api, "Résumé retiré");
            kept = intake(api, "Avant le passage");
            // A processor stores its position only when it handles an event, and the partner directory and the access
            // log handle few kinds: a partner registered and a record read last bring every read model's position
            // past the removed case's events.
            assertThat(api.postJson("/api/partners", "admin", """
                    {"partnerId": "move-partner", "name": "Partenaire du passage", "kind": "ONLINE_PLATFORM"}""")
                    .status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/referrals/" + kept, "coordinator"),
                    read -> read.status() == 200);
            // every read model has handled everything: the six that see every event show no lag, and the partner
            // directory and the access log show the partner and the read (each then stores its position at the
            // latest when it stops)
            await().atMost(Duration.ofSeconds(30)).until(() -> listed(api, kept) && listed(api, removed)
                    && api.get("/api/partners/move-partner", "admin").status() == 200
                    && api.get("/api/audit/access?referralId=" + kept, "auditor").json().get("total").asLong() > 0);
            ReadModelsThroughTheRealBusTest.awaitCaughtUp(perReadModel.getBean(QueryGateway.class));
            MongoTemplate mongo = perReadModel.getBean(MongoTemplate.class);
            String caseList = perReadModel.getBean(ProjectionGenerations.class).active("case-list").name("case_list");
            assertThat(mongo.getCollection(caseList).deleteOne(new Document("_id", removed)).getDeletedCount())
                    .isOne();
        }

        try (ConfigurableApplicationContext shared = start(true)) {
            assertThat(processorOfTheCaseList(shared)).isEqualTo("read-models");
            ApiClient api = client(shared);
            String after = intake(api, "Après le passage");
            await().atMost(Duration.ofSeconds(30)).until(() -> listed(api, after)
                    && shared.getBean(CatchUpMonitor.class).allCaughtUp());
            assertThat(listed(api, kept)).isTrue();
            assertThat(listed(api, removed)).as("not replayed: the summary removed by hand stays removed").isFalse();
        }
    }

    private ConfigurableApplicationContext start(boolean sharedReadModels) {
        return new SpringApplicationBuilder(RelaisApplication.class)
                .profiles("demo")
                .run("--relais.data-dir=" + dataDir, "--server.port=0",
                        "--relais.processing.shared-read-models=" + sharedReadModels);
    }

    private static String processorOfTheCaseList(ConfigurableApplicationContext context) {
        return context.getBean(EventProcessingConfiguration.class).eventProcessorByProcessingGroup("case-list")
                .map(EventProcessor::getName).orElseThrow();
    }

    private static String intake(ApiClient api, String name) {
        ApiClient.Response created = api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment(name));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("referralId").asString();
    }

    private static boolean listed(ApiClient api, String referralId) {
        return api.get("/api/referrals?size=100", "coordinator").body().contains(referralId);
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
    }
}
