package org.relais.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.app.support.HttpCall;
import org.relais.app.support.TestDataDirs;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Password sign-in throttling through the whole stack, behind a trusted reverse proxy (this test's loopback client
 * plays it, naming each caller's address in X-Forwarded-For): after five failures for one user name or from one
 * address, HTTP Basic answers 429 with Retry-After and the login form sends the browser back, both without a
 * password check; the session cookie is Secure when the proxy says the request came over HTTPS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "fast-passwords"})
class ThrottledSignInTest {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("throttle").toString());
        registry.add("server.forward-headers-strategy", () -> "native");
    }

    /** The password checks that reach BCrypt, counted. */
    @TestConfiguration
    static class CountedChecks {

        static final AtomicInteger CHECKS = new AtomicInteger();

        @Bean
        @Primary
        RememberingPasswordEncoder countedPasswordEncoder() {
            BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
            PasswordEncoder counted = new PasswordEncoder() {
                @Override
                public String encode(CharSequence raw) {
                    return bcrypt.encode(raw);
                }

                @Override
                public boolean matches(CharSequence raw, String encoded) {
                    CHECKS.incrementAndGet();
                    return bcrypt.matches(raw, encoded);
                }
            };
            return new RememberingPasswordEncoder(counted, Duration.ofMinutes(5), java.time.Clock.systemUTC());
        }
    }

    @LocalServerPort
    int port;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        log.start();
        root().addAppender(log);
    }

    @AfterEach
    void releaseLogs() {
        root().detachAppender(log);
    }

    @Test
    void five_failures_for_one_user_name_refuse_it_from_any_address_without_a_password_check() {
        for (int i = 1; i <= 5; i++) {
            assertThat(basic("auditor", "wrong-" + i, "203.0.113." + i).status()).isEqualTo(401);
        }
        int checks = CountedChecks.CHECKS.get();

        HttpCall.Reply refused = basic("auditor", "auditor", "203.0.113.99");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asString()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(refused.header("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        assertThat(refused.header("WWW-Authenticate")).isEmpty();
        assertThat(refused.body()).doesNotContain("auditor");
        assertThat(CountedChecks.CHECKS).as("no password check").hasValue(checks);
        assertThat(basic("coordinator", "coordinator", "203.0.113.99").status()).as("other users").isEqualTo(200);
    }

    @Test
    void five_failures_from_one_address_refuse_every_user_name_from_it() {
        for (int i = 1; i <= 5; i++) {
            assertThat(basic("nobody-" + i, "guess", "198.51.100.7").status()).isEqualTo(401);
        }
        int checks = CountedChecks.CHECKS.get();

        assertThat(basic("police", "police", "198.51.100.7").status()).isEqualTo(429);
        assertThat(CountedChecks.CHECKS).hasValue(checks);
        assertThat(basic("police", "police", "198.51.100.8").status()).as("from elsewhere").isEqualTo(200);
    }

    @Test
    void a_success_starts_the_user_names_count_again() {
        for (int round = 0; round < 2; round++) {
            for (int i = 1; i <= 4; i++) {
                assertThat(basic("helpline", "wrong", "192.0.2." + (round * 10 + i)).status()).isEqualTo(401);
            }
            assertThat(basic("helpline", "helpline", "192.0.2." + (round * 10 + 9)).status()).isEqualTo(200);
        }
    }

    @Test
    void the_login_form_is_throttled_alike_and_shares_the_count_with_basic() {
        LoginForm form = LoginForm.open(port, "192.0.2.200");
        for (int i = 1; i <= 5; i++) {
            assertThat(form.submit("association", "wrong-" + i).header("Location"))
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/login?error"));
        }
        int checks = CountedChecks.CHECKS.get();

        HttpCall.Reply refused = LoginForm.open(port, "192.0.2.201").submit("association", "association");

        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.header("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/login?throttled"));
        assertThat(HttpCall.get(port, "/login?throttled").send().body()).contains("Trop de tentatives");
        assertThat(basic("association", "association", "192.0.2.202").status()).isEqualTo(429);
        assertThat(CountedChecks.CHECKS).as("no password check").hasValue(checks);
    }

    @Test
    void the_names_tried_never_reach_the_log() {
        for (int i = 1; i <= 6; i++) {
            basic("mallory-7f3a", "password-" + i, "203.0.113.150");
        }

        assertThat(log.list).anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("throttled"));
        assertThat(log.list).noneSatisfy(event -> assertThat(event.getFormattedMessage())
                .containsAnyOf("mallory-7f3a", "203.0.113.150", "password-"));
    }

    @Test
    void the_session_cookie_is_http_only_same_site_lax_and_secure_when_the_proxy_says_https() {
        String overHttps = HttpCall.get(port, "/login").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-For", "192.0.2.50").send().header("Set-Cookie").orElseThrow();
        String overHttp = HttpCall.get(port, "/login").header("X-Forwarded-For", "192.0.2.51").send()
                .header("Set-Cookie").orElseThrow();

        assertThat(overHttps).startsWith("JSESSIONID=").containsIgnoringCase("; Secure")
                .containsIgnoringCase("; HttpOnly").containsIgnoringCase("; SameSite=Lax");
        assertThat(overHttp).startsWith("JSESSIONID=").doesNotContainIgnoringCase("Secure")
                .containsIgnoringCase("; HttpOnly").containsIgnoringCase("; SameSite=Lax");
    }

    private HttpCall.Reply basic(String username, String password, String clientAddress) {
        return HttpCall.get(port, "/api/partners").header("X-Forwarded-For", clientAddress)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (username + ":" + password).getBytes(StandardCharsets.UTF_8))).send();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** A browser's login page: its session and CSRF token, posted from one client address. */
    private record LoginForm(int port, String clientAddress, String cookie, String csrf) {

        static LoginForm open(int port, String clientAddress) {
            HttpCall.Reply page = HttpCall.get(port, "/login").header("X-Forwarded-For", clientAddress).send();
            Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
            assertThat(token.find()).as(page.body()).isTrue();
            return new LoginForm(port, clientAddress, page.header("Set-Cookie").orElseThrow().split(";", 2)[0],
                    token.group(1));
        }

        HttpCall.Reply submit(String username, String password) {
            return HttpCall.post(port, "/login").header("Cookie", cookie).header("X-Forwarded-For", clientAddress)
                    .body("application/x-www-form-urlencoded", "username=" + username + "&password=" + password
                            + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)).send();
        }
    }
}
