package org.relais.app.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relais.app.support.ApiClient;
import org.relais.app.support.PersonalData;

/**
 * Access follows the directory on every instance from the commit of the change: a liaison detached through one
 * instance is refused by the other on the very next read, and a partner suspended through one instance shows no
 * personal data on the other. Two Relais JVMs on one PostgreSQL event store, as in production.
 */
class AccessAcrossInstancesTest {

    private static final String TRANSFER = """
            {"partnerId": "demo-platform", "purpose": "CONTENT_REMOVAL", "legalBasis": "CONSENT",
             "sharedFields": ["contentUrls"]}""";

    private RelaisCluster cluster;

    @BeforeAll
    static void postgres() {
        RelaisCluster.requirePostgres();
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void a_liaison_detached_on_one_instance_is_refused_by_the_other_on_the_next_read() {
        cluster = new RelaisCluster("access-across-instances");
        RelaisCluster.Instance one = cluster.start("relais");
        one.awaitReady();
        RelaisCluster.Instance two = cluster.start("relais");
        two.awaitReady();

        String referralId = consentedCaseSentToThePlatform(one.api());
        String path = "/api/referrals/" + referralId;
        await().atMost(Duration.ofSeconds(30)).until(() -> two.api().get(path, "platform").status() == 200);
        assertThat(two.api().get(path, "platform").body()).contains("https://social.example/p/123");

        ok(one.api().postJson("/api/partners/demo-platform/suspension", "admin", "{\"reason\": \"Audit\"}"), 200);
        ApiClient.Response suspended = two.api().get(path, "platform");
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.body()).as("no personal data while suspended, on the other instance at once")
                .doesNotContain("https://social.example/p/123");
        ok(one.api().postJson("/api/partners/demo-platform/resumption", "admin", "{}"), 200);
        assertThat(two.api().get(path, "platform").body()).contains("https://social.example/p/123");

        ok(one.api().postJson("/api/partners/demo-platform/liaisons/platform/detachment", "admin", "{}"), 200);

        assertThat(two.api().get(path, "platform").status()).as("the next read on the other instance").isEqualTo(404);
        assertThat(two.api().get("/api/partners/demo-platform/inbox", "platform").status()).isEqualTo(403);
    }

    private static String consentedCaseSentToThePlatform(ApiClient api) {
        String referralId = ok(api.postJson("/api/referrals", "coordinator", PersonalData.intake()), 201).json()
                .get("referralId").asString();
        ok(api.postJson("/api/referrals/" + referralId + "/triage", "coordinator", "{\"riskLevel\": \"HIGH\"}"), 200);
        ok(api.postJson("/api/referrals/" + referralId + "/consent", "coordinator", "{\"givenBy\": \"the victim\"}"),
                200);
        ok(api.postJson("/api/referrals/" + referralId + "/transfers", "coordinator", TRANSFER), 201);
        return referralId;
    }

    private static ApiClient.Response ok(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response;
    }
}
