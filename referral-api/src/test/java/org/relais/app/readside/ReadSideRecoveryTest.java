package org.relais.app.readside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.relais.core.api.admin.FindProjectionsQuery;
import org.relais.core.api.admin.ProjectionStatusView;
import org.relais.projections.rebuild.ProjectionComparison;
import org.relais.projections.rebuild.ProjectionRebuilder;
import org.relais.app.support.ApiClient;
import org.relais.app.support.Intakes;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The read side's file fails under the running application (its writer connection is closed under it, as a failed
 * disk would leave it): the {@code readSide} health turns DOWN, the store reopens the file by itself, the processors
 * whose batches failed resume from their stored tokens, and every read model ends equal to a fresh replay, the cases
 * taken in while the file was failed included.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "relais.read-side.recovery-delay=PT3S")
@ActiveProfiles("demo")
class ReadSideRecoveryTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("readside-recovery").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedReadSideStore store;

    @Autowired
    QueryGateway queries;

    @Autowired
    ProjectionRebuilder rebuilder;

    @Test
    void a_failed_file_turns_the_health_down_is_reopened_and_the_read_models_end_complete() throws Exception {
        ApiClient api = new ApiClient(port);
        List<String> referrals = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            referrals.add(intake(api));
        }
        awaitCaughtUp();

        store.file().breakWriterConnection();
        for (int i = 0; i < 5; i++) {
            referrals.add(intake(api));
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> "DOWN".equals(readSideHealth(api)));
        await().atMost(Duration.ofSeconds(60)).until(() -> "UP".equals(readSideHealth(api)));
        assertThat(store.file().reopenings()).isEqualTo(1);

        referrals.add(intake(api));
        awaitCaughtUp();
        for (String referral : referrals) {
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/referrals/" + referral, "coordinator")
                    .status() == 200);
        }
        for (String name : rebuilder.names()) {
            ProjectionComparison comparison = rebuilder.compareWithFreshReplay(name);
            assertThat(comparison.differences()).as(name).isEmpty();
            assertThat(comparison.identical()).as(name).isTrue();
        }
    }

    private static String intake(ApiClient api) {
        ApiClient.Response created = api.postJson("/api/referrals", "coordinator",
                Intakes.minorCyberharassment("Recovery"));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("referralId").asString();
    }

    private static String readSideHealth(ApiClient api) {
        return api.get("/actuator/health", "admin").json().get("components").get("readSide").get("status")
                .asString();
    }

    private void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(60)).until(() -> queries.query(new FindProjectionsQuery(),
                ResponseTypes.multipleInstancesOf(ProjectionStatusView.class)).join(), views -> !views.isEmpty()
                && views.stream().allMatch(view -> view.caughtUp() && view.lag() == 0));
    }
}
