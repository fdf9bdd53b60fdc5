package org.relais.app.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.referral.SealedPersonalDetails;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.app.support.ApiClient;
import org.relais.app.support.Intakes;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * An erasure on one instance holds on the others within a second of its commit: an instance that has just read the
 * case, and so holds its data key in its cache, no longer opens nor seals anything with it. Two instances on one
 * PostgreSQL event store, each with its own read side (what the reader shows depends on the key, not on the read
 * model, which keeps the ciphertext).
 */
class ErasureAcrossInstancesTest {

    private RelaisCluster stores;

    @BeforeAll
    static void requirePostgres() {
        RelaisCluster.requirePostgres();
    }

    @AfterEach
    void stop() {
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void a_case_erased_on_one_instance_is_neither_opened_nor_sealed_on_another_a_second_after_the_commit() {
        stores = new RelaisCluster("erasure-across");
        ConfigurableApplicationContext one = startWithCheckpointLog("one");
        ConfigurableApplicationContext two = startWithCheckpointLog("two");
        ApiClient erasing = client(one);
        ApiClient reading = client(two);
        List<Long> tookMillis = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            tookMillis.add(eraseWhileTheOtherInstanceReads(erasing, reading, two, "Erased Everywhere " + run));
        }
        System.out.printf("Erasure on one instance: the other showed the case erased %s ms after the erasure's "
                + "answer (cache lifetime 500 ms)%n", tookMillis);
    }

    /**
     * The second instance reads the case every 50 ms while the first erases it, so that its cache holds a freshly
     * read key at the commit; answers how long after the erasure's answer its reads showed the case erased.
     */
    private long eraseWhileTheOtherInstanceReads(ApiClient erasing, ApiClient reading,
                                                 ConfigurableApplicationContext second, String victim) {
        String referralId = erasing.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment(victim))
                .json().get("referralId").asString();
        JsonNode before = await().atMost(Duration.ofSeconds(30))
                .until(() -> reading.get("/api/referrals/" + referralId, "coordinator"), r -> r.status() == 200).json();
        assertThat(before.get("victim").get("name").asString()).as("read on the second instance, key now cached there")
                .isEqualTo(victim);
        ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor();
        reader.scheduleWithFixedDelay(() -> reading.get("/api/referrals/" + referralId, "coordinator"), 0, 50,
                TimeUnit.MILLISECONDS);
        try {
            ApiClient.Response erasure = erasing.postJson("/api/referrals/" + referralId + "/erasure", "admin",
                    "{\"reason\": \"Art. 17 request\"}");
            long committed = System.nanoTime();
            assertThat(erasure.status()).as(erasure.body()).isEqualTo(200);

            JsonNode after = await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                    .until(() -> reading.get("/api/referrals/" + referralId, "coordinator").json(),
                            detail -> detail.get("personalDataErased").asBoolean());
            long tookMillis = (System.nanoTime() - committed) / 1_000_000;
            assertThat(after.has("victim")).isFalse();
            assertThat(after.toString()).doesNotContain(victim);
            assertSecondInstanceNeitherOpensNorSeals(second, reading, referralId);
            return tookMillis;
        } finally {
            reader.shutdownNow();
        }
    }

    private static void assertSecondInstanceNeitherOpensNorSeals(ConfigurableApplicationContext second,
                                                                 ApiClient reading, String referralId) {
        PersonalDataProtector protector = second.getBean(PersonalDataProtector.class);
        SealedPersonalDetails sealed = ((ReferralReceivedEvent) second.getBean(EventStore.class)
                .readEvents(referralId).next().getPayload()).personalData();
        assertThat(protector.open(sealed.subjectId(), sealed)).as("the second instance opens nothing").isEmpty();
        assertThatThrownBy(() -> protector.sealText(referralId, "note", "written after the erasure"))
                .as("nor seals anything new")
                .isInstanceOfSatisfying(RuleViolationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REFERRAL_ERASED));
        ApiClient.Response consent = reading.postJson("/api/referrals/" + referralId + "/consent", "coordinator",
                "{\"givenBy\": \"the victim\"}");
        assertThat(consent.status()).as(consent.body()).isEqualTo(409);
        assertThat(consent.json().get("code").asString()).isEqualTo("REFERRAL_ERASED");
    }
    /** An instance in this JVM with a checkpoint log of its own (the instances share the chain, not the log). */
    private ConfigurableApplicationContext startWithCheckpointLog(String name) {
        return stores.startInThisJvm(name,
                "--relais.integrity.checkpoint-log=" + stores.dataDir.resolve(name + "-checkpoints.log"));
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
    }
}
