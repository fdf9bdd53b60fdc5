package org.relais.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.relais.app.RelaisApplication;
import org.relais.app.support.ApiClient;
import org.relais.app.support.TestDataDirs;
import org.relais.app.support.TestSigningKey;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With an external database every instance signs with one given key, like the other keys: none is generated. A key
 * given as openssl writes it (base64 PKCS#8) signs, and its public half is the one published.
 */
class SigningKeyConfigurationTest {

    /** {@code openssl pkey -inform DER -pubout -outform DER | base64} of {@link TestSigningKey}. */
    private static final String PUBLIC_KEY = "MCowBQYDK2VwAyEAmbKwYidgm5zY/yUxVI4w5covqCzhz5bIRKYjKc1uC9I=";

    @Test
    void an_external_database_without_a_signing_key_refuses_to_start() {
        assertThatThrownBy(() -> start(List.of()).close())
                .hasRootCauseMessage("relais.integrity.signing-key must be set when the events live in an external "
                        + "database");
    }

    @Test
    void a_given_key_signs_and_its_public_half_is_published() {
        try (ConfigurableApplicationContext app = start(List.of("--relais.integrity.signing-key="
                + TestSigningKey.BASE64))) {
            ApiClient api = new ApiClient(Integer.parseInt(app.getEnvironment()
                    .getRequiredProperty("local.server.port")));
            assertThat(api.get("/api/audit/checkpoints", "auditor").json().get("publicKey").asString())
                    .isEqualTo(PUBLIC_KEY);
        }
    }

    private static ConfigurableApplicationContext start(List<String> extra) {
        String zeros = Base64.getEncoder().encodeToString(new byte[32]);
        List<String> args = new ArrayList<>(List.of(
                // an "external" database: any configured URL counts
                "--spring.datasource.url=jdbc:h2:mem:signing-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "--spring.datasource.username=sa", "--relais.privacy.master-key=" + zeros,
                "--relais.privacy.integrity-key=" + zeros, "--relais.privacy.index-key=" + zeros,
                "--relais.data-dir=" + TestDataDirs.create("signing-key"), "--server.port=0",
                "--relais.read-side.embedded=memory", "--logging.level.root=WARN"));
        args.addAll(extra);
        return new SpringApplicationBuilder(RelaisApplication.class).profiles("demo").run(args.toArray(String[]::new));
    }
}
