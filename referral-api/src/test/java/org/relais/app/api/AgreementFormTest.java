package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.relais.app.support.HttpCall;
import org.relais.app.support.UiLogin;

import tools.jackson.databind.JsonNode;

/**
 * The administrators' agreement form on the partners pages: it signs and then amends a partner's agreement with its
 * calendar (closure days and ranges, a public-holiday calendar, the SLA's kind) through the same commands as the API,
 * so the partners page and the API show the same terms; a refused form comes back as typed with the message next to
 * the field, in French, and stores nothing.
 */
class AgreementFormTest extends ApiTestBase {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final LocalDate YESTERDAY = LocalDate.now(ZoneId.of("Europe/Paris")).minusDays(1);

    @Test
    void an_agreement_with_its_calendar_is_signed_then_amended_through_the_form() {
        String partnerId = fixtures().partner();
        String session = UiLogin.session(port, "admin");
        String path = "/ui/admin/partners/" + partnerId + "/agreement";

        // the partner directory (a read model) shows the partner just registered a moment later
        HttpCall.Reply empty = await().ignoreExceptions().until(() -> page(path, session), reply -> true);
        assertThat(empty.body()).contains("Signer la convention", "Jours de fermeture", "Jours fériés",
                "France et Moselle (FR-57)", "Jours ouvrés");

        long before = events();
        HttpCall.Reply refused = post(path).header("Cookie", session).body("application/x-www-form-urlencoded",
                form(empty, "2", "DAYS", "OPEN_HOURS", "FR-57", "2026-12-31/2026-12-01", "9h-12h")).send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(200);
        assertThat(refused.body())
                .contains("id=\"closures-error\"", "Une fermeture finit au plus tôt le jour où elle commence",
                        "id=\"hours-MONDAY-error\"", "Plages illisibles")
                .as("the values typed are kept").contains(">2026-12-31/2026-12-01</textarea>", "value=\"9h-12h\"",
                        "<option value=\"FR-57\" selected=\"selected\"")
                .doesNotContain("id=\"sla-error\"");
        assertThat(field(refused.body(), "closures")).contains("aria-invalid=\"true\"");
        assertThat(events()).as("a refused form stores nothing").isEqualTo(before);

        HttpCall.Reply signed = post(path).header("Cookie", session).body("application/x-www-form-urlencoded",
                form(refused, "2", "DAYS", "WORKING_DAYS", "FR-57", "2026-12-24/2026-12-26\n2027-05-02",
                        "09:00-12:00, 14:00-18:00")).send();
        assertThat(signed.status()).as(signed.toString()).isEqualTo(302);
        assertThat(signed.header("Location").orElse("")).endsWith("/ui/admin/partners#partner-" + partnerId);

        JsonNode agreement = await().until(() -> get("/api/partners/" + partnerId).as("admin").send().json()
                .get("agreement"), a -> a != null && !a.isNull());
        assertThat(agreement.get("slaKind").asString()).isEqualTo("WORKING_DAYS");
        assertThat(agreement.get("acknowledgementSla").asString()).isEqualTo("PT48H");
        assertThat(agreement.get("holidayCalendar").asString()).isEqualTo("FR-57");
        assertThat(agreement.get("closures").toString()).isEqualTo(
                "[{\"from\":\"2026-12-24\",\"to\":\"2026-12-26\"},{\"from\":\"2027-05-02\",\"to\":\"2027-05-02\"}]");
        assertThat(agreement.get("serviceHours").get("periods")).as("two ranges a weekday").hasSize(10);
        String partners = page("/ui/admin/partners", session).body();
        String card = partners.substring(partners.indexOf("id=\"partner-" + partnerId + "\""));
        card = card.substring(0, card.indexOf("</article>"));
        assertThat(card).contains("jours ouvrés", "FR-57", "2026-12-24 → 2026-12-26", "2027-05-02",
                "Modifier la convention");

        // Amended: the form opens on the terms in force, and the new calendar replaces them.
        HttpCall.Reply current = page(path, session);
        assertThat(current.body()).contains(">2026-12-24/2026-12-26\n2027-05-02</textarea>",
                "id=\"slaKind-WORKING_DAYS\" value=\"WORKING_DAYS\" checked=\"checked\"",
                "Modifier la convention");
        HttpCall.Reply amended = post(path).header("Cookie", session).body("application/x-www-form-urlencoded",
                form(current, "8", "HOURS", "OPEN_HOURS", "FR", "2026-08-10/2026-08-21", "08:30-17:30")).send();
        assertThat(amended.status()).as(amended.toString()).isEqualTo(302);
        JsonNode after = await().until(() -> get("/api/partners/" + partnerId).as("admin").send().json()
                .get("agreement"), a -> a.get("holidayCalendar").asString().equals("FR"));
        assertThat(after.get("slaKind").asString()).isEqualTo("OPEN_HOURS");
        assertThat(after.get("acknowledgementSla").asString()).isEqualTo("PT8H");
        assertThat(after.get("closures").toString()).isEqualTo("[{\"from\":\"2026-08-10\",\"to\":\"2026-08-21\"}]");
    }

    @Test
    void only_an_administrator_reaches_the_form() {
        String partnerId = fixtures().partner();
        assertThat(get("/ui/admin/partners/" + partnerId + "/agreement")
                .header("Cookie", UiLogin.session(port, "coordinator")).send().status()).isEqualTo(403);
        assertThat(get("/ui/admin/partners/no-such-partner/agreement")
                .header("Cookie", UiLogin.session(port, "admin")).send().status()).isEqualTo(404);
    }

    private HttpCall.Reply page(String path, String session) {
        HttpCall.Reply reply = get(path).header("Cookie", session).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply;
    }

    /** The form's fields, with the CSRF token of the page it was read from; weekdays share {@code hours}. */
    private static String form(HttpCall.Reply page, String slaAmount, String slaUnit, String slaKind,
                               String holidays, String closures, String hours) {
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).as("the form's CSRF token").isTrue();
        StringBuilder body = new StringBuilder("_csrf=" + encode(token.group(1)))
                .append("&signedOn=").append(YESTERDAY).append("&inForceFrom=").append(YESTERDAY)
                .append("&inForceUntil=&categories=CYBERHARASSMENT&categories=DISCRIMINATION")
                .append("&purposes=PSYCHOLOGICAL_SUPPORT&shareableFields=NARRATIVE&shareableFields=VICTIM_CONTACT")
                .append("&slaAmount=").append(slaAmount).append("&slaUnit=").append(slaUnit)
                .append("&slaKind=").append(slaKind).append("&holidayCalendar=").append(holidays)
                .append("&closures=").append(encode(closures)).append("&zoneId=Europe%2FParis");
        for (String day : new String[] {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) {
            body.append("&hours%5B").append(day).append("%5D=").append(encode(hours));
        }
        return body.toString();
    }

    /** The opening tag of the form control named {@code name}. */
    private static String field(String html, String name) {
        int at = html.indexOf("name=\"" + name + "\"");
        return html.substring(html.lastIndexOf('<', at), html.indexOf('>', at) + 1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
