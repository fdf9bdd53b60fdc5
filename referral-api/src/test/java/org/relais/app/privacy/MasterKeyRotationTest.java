package org.relais.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.relais.app.RelaisApplication;
import org.relais.app.support.ApiClient;
import org.relais.app.support.Intakes;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rotating the master key re-wraps the data keys; every field stays readable, erased ones stay erased. */
class MasterKeyRotationTest {

    private final Path dataDir = TestDataDirs.create("rotation");
    private final String oldKey = randomKey();
    private final String newKey = randomKey();

    @Test
    void after_rotation_every_non_erased_field_is_readable_with_the_new_key_alone() {
        List<String> referrals = new ArrayList<>();
        try (ConfigurableApplicationContext first = start("--relais.privacy.master-key=" + oldKey,
                "--relais.privacy.master-key-id=k1")) {
            ApiClient api = client(first);
            for (int i = 0; i < 3; i++) {
                referrals.add(api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment("Rotated " + i))
                        .json().get("referralId").asString());
            }
        }

        try (ConfigurableApplicationContext rotating = start("--relais.privacy.master-key=" + newKey,
                "--relais.privacy.master-key-id=k2", "--relais.privacy.previous-master-keys.k1=" + oldKey)) {
            assertThat(rotating.getBean(MasterKeyRotation.class).rewrapAll()).isEqualTo(3);
            assertThat(rotating.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT COUNT(*) FROM subject_key WHERE master_key_id = 'k2'", Long.class)).isEqualTo(3);
        }

        try (ConfigurableApplicationContext rotated = start("--relais.privacy.master-key=" + newKey,
                "--relais.privacy.master-key-id=k2")) {
            ApiClient api = client(rotated);
            for (int i = 0; i < referrals.size(); i++) {
                String referralId = referrals.get(i);
                String name = await().atMost(Duration.ofSeconds(30))
                        .until(() -> api.get("/api/referrals/" + referralId, "coordinator"), r -> r.status() == 200)
                        .json().get("victim").get("name").asString();
                assertThat(name).isEqualTo("Rotated " + i);
            }
            assertThat(api.get("/api/audit/verification", "auditor").json().get("valid").asBoolean())
                    .as("the chain does not depend on the master key").isTrue();
        }
    }

    private ConfigurableApplicationContext start(String... keys) {
        List<String> args = new ArrayList<>(List.of("--relais.data-dir=" + dataDir, "--server.port=0",
                "--logging.level.root=WARN"));
        args.addAll(List.of(keys));
        return new SpringApplicationBuilder(RelaisApplication.class).profiles("demo").run(args.toArray(String[]::new));
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
