package org.relais.app.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.relais.app.RelaisApplication;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Accepting JWTs without an issuer would let any token signed by the key set act, with subjects that identify nobody
 * for sure; without an audience, a token the provider issued to any other application would act here. The
 * application refuses to start in either case, rather than run open.
 */
class JwtSettingsRequiredTest {

    private final Path dataDir = TestDataDirs.create("jwt-settings");

    @Test
    void a_key_set_without_an_issuer_does_not_start() {
        assertThatThrownBy(() -> start("--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks",
                "--relais.security.jwt.audience=relais-api"))
                .rootCause().hasMessageContaining("without an issuer")
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri");
    }

    @Test
    void an_issuer_without_an_audience_does_not_start() {
        assertThatThrownBy(() -> start("--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=https://idp.relais.test/realms/relais"))
                .rootCause().hasMessageContaining("without an audience")
                .hasMessageContaining("relais.security.jwt.audience");
    }

    private void start(String... settings) {
        String[] args = new String[settings.length + 2];
        args[0] = "--relais.data-dir=" + dataDir;
        args[1] = "--server.port=0";
        System.arraycopy(settings, 0, args, 2, settings.length);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RelaisApplication.class)
                .profiles("demo", "fast-passwords").run(args)) {
            context.getId();
        }
    }
}
