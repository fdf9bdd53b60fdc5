package org.relais.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.relais.app.support.HttpCall;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Forwarded headers are believed only from the proxy named in {@code server.tomcat.remoteip.internal-proxies}: a
 * caller that is not that proxy cannot pass for HTTPS, nor dodge the throttle by naming a new address each time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "fast-passwords"})
class UntrustedProxyTest {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("untrusted-proxy").toString());
        registry.add("server.forward-headers-strategy", () -> "native");
        registry.add("server.tomcat.remoteip.internal-proxies", () -> "10\\.255\\.255\\.254");
    }

    @LocalServerPort
    int port;

    @Test
    void a_caller_that_is_not_the_trusted_proxy_does_not_make_the_cookie_secure() {
        String cookie = HttpCall.get(port, "/login").header("X-Forwarded-Proto", "https").send()
                .header("Set-Cookie").orElseThrow();

        assertThat(cookie).startsWith("JSESSIONID=").doesNotContainIgnoringCase("Secure");
    }

    @Test
    void a_caller_that_is_not_the_trusted_proxy_is_throttled_at_its_own_address_whatever_it_forwards() {
        for (int i = 1; i <= 5; i++) {
            assertThat(basic("guess-" + i, "203.0.113." + i).status()).isEqualTo(401);
        }

        assertThat(basic("coordinator", "203.0.113.77").status()).isEqualTo(429);
    }

    private HttpCall.Reply basic(String username, String claimedAddress) {
        return HttpCall.get(port, "/api/partners").header("X-Forwarded-For", claimedAddress)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (username + ":" + username).getBytes(StandardCharsets.UTF_8))).send();
    }
}
