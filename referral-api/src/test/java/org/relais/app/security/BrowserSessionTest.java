package org.relais.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.relais.app.support.HttpCall;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The browser's way in: a login form protected against CSRF, a session cookie scripts cannot read and other sites
 * cannot send, a session that never authenticates an API call (which is why the stateless API chain needs no CSRF
 * token), and never an HTTP Basic challenge, which would have the browser send credentials by itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "fast-passwords"})
class BrowserSessionTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("browser").toString());
    }

    @LocalServerPort
    int port;

    @Test
    void the_login_form_needs_its_csrf_token_and_its_session_does_not_open_the_api() {
        HttpCall.Reply form = HttpCall.get(port, "/login").send();
        assertThat(form.status()).isEqualTo(200);
        Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
        assertThat(token.find()).as(form.body()).isTrue();
        String cookie = form.header("Set-Cookie").orElseThrow().split(";", 2)[0];

        HttpCall.Reply forged = HttpCall.post(port, "/login").header("Cookie", cookie)
                .body("application/x-www-form-urlencoded", "username=coordinator&password=coordinator").send();
        assertThat(forged.status()).isEqualTo(403);

        HttpCall.Reply login = HttpCall.post(port, "/login").header("Cookie", cookie)
                .body("application/x-www-form-urlencoded", "username=coordinator&password=coordinator&_csrf="
                        + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)).send();
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location")).hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
        String session = login.header("Set-Cookie").orElse(cookie).split(";", 2)[0];

        HttpCall.Reply api = HttpCall.get(port, "/api/partners").header("Cookie", session).send();
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Basic realm="));
        HttpCall.Reply post = HttpCall.post(port, "/api/referrals").header("Cookie", session)
                .body("text/plain", "{}").send();
        assertThat(post.status()).isEqualTo(401);
    }

    @Test
    void the_session_cookie_is_http_only_and_same_site_lax_and_not_secure_over_plain_http() {
        // Without a trusted proxy configured, a client's X-Forwarded-Proto is not believed.
        String cookie = HttpCall.get(port, "/login").header("X-Forwarded-Proto", "https").send()
                .header("Set-Cookie").orElseThrow();

        assertThat(cookie).startsWith("JSESSIONID=").containsIgnoringCase("; HttpOnly")
                .containsIgnoringCase("; SameSite=Lax").doesNotContainIgnoringCase("Secure");
    }

    @Test
    void pages_send_an_anonymous_visitor_to_the_login_form_and_nothing_challenges_with_basic() {
        for (String accept : new String[] {"text/html", "*/*", "application/json"}) {
            HttpCall.Reply page = HttpCall.get(port, "/ui/cases").header("Accept", accept).send();
            assertThat(page.status()).as(accept).isEqualTo(302);
            assertThat(page.header("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
            assertThat(page.header("WWW-Authenticate")).as(accept).isEmpty();
        }
        HttpCall.Reply xhr = HttpCall.get(port, "/ui/cases").header("X-Requested-With", "XMLHttpRequest").send();
        assertThat(xhr.header("WWW-Authenticate")).isEmpty();
        HttpCall.Reply metrics = HttpCall.get(port, "/actuator/prometheus").send();
        assertThat(metrics.status()).isEqualTo(401);
        assertThat(metrics.header("WWW-Authenticate")).isEmpty();
        assertThat(metrics.json().get("code").asString()).isEqualTo("UNAUTHENTICATED");
        HttpCall.Reply wrongPassword = HttpCall.get(port, "/ui/cases").header("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString("admin:nope".getBytes(StandardCharsets.UTF_8))).send();
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.header("WWW-Authenticate")).isEmpty();
        assertThat(HttpCall.get(port, "/actuator/prometheus").as("admin").send().status()).as("Basic sent unasked")
                .isEqualTo(200);
    }
}
