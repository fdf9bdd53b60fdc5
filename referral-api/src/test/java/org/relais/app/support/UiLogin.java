package org.relais.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs a demo user in through the login form, as a browser does (its CSRF token, then the session cookie), for
 * tests that read pages without a browser.
 */
public final class UiLogin {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private UiLogin() {
    }

    /** The {@code Cookie} header of a session signed in as {@code user} (password = name). */
    public static String session(int port, String user) {
        HttpCall.Reply form = HttpCall.get(port, "/login").send();
        Matcher token = CSRF.matcher(form.body());
        assertThat(token.find()).as("the login form's CSRF token").isTrue();
        String cookie = form.header("Set-Cookie").orElseThrow().split(";", 2)[0];
        HttpCall.Reply login = HttpCall.post(port, "/login").header("Cookie", cookie)
                .body("application/x-www-form-urlencoded", "username=" + user + "&password=" + user + "&_csrf="
                        + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)).send();
        assertThat(login.status()).as(login.toString()).isEqualTo(302);
        assertThat(login.header("Location").orElse("")).doesNotContain("error");
        return login.header("Set-Cookie").orElse(cookie).split(";", 2)[0];
    }
}
