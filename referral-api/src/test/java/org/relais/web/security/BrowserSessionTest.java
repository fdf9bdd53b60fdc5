package org.relais.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.relais.web.support.HttpCall;
import org.relais.web.support.TestDataDirs;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The browser's way in: a login form protected against CSRF, and a session that never authenticates an API call
 * (which is why the stateless API chain needs no CSRF token).
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
        assertThat(api.header("WWW-Authenticate")).isEmpty();
        HttpCall.Reply post = HttpCall.post(port, "/api/referrals").header("Cookie", session)
                .body("text/plain", "{}").send();
        assertThat(post.status()).isEqualTo(401);
    }
}
