package org.relais.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relais.app.support.ApiClient;
import org.relais.app.support.HttpCall;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pages over plain HTTP, signed in with the login form as a browser is: a refused form comes back with what was
 * typed and the refused field named; the case page, the history and the access log tell what happened in French
 * sentences, with names, labels and references instead of ids and codes, and times to the second.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "fast-passwords"})
@ExtendWith(OutputCaptureExtension.class)
class PagesSpeakPlainlyTest {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String POLICE = "Brigade de protection des mineurs (démo)";

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("plain-pages").toString());
    }

    @LocalServerPort
    int port;

    @Test
    void a_refused_intake_comes_back_with_what_was_typed_and_the_forgotten_category_named_and_focused(
            CapturedOutput output) {
        Session coordinator = Session.signIn(port, "coordinator");

        HttpCall.Reply refused = coordinator.post("/ui/cases", "channel=PHONE&reporterRole=VICTIM&ageBand=ADULT"
                + "&victimName=" + enc("Lou Appel-Perdu") + "&victimContact=" + enc("06 11 22 33 44")
                + "&narrative=" + enc("Récit dicté pendant l’appel, à ne pas perdre."));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.header("Location")).isEmpty();
        String page = refused.body();
        assertThat(page).contains("value=\"Lou Appel-Perdu\"", "value=\"06 11 22 33 44\"",
                "Récit dicté pendant l’appel, à ne pas perdre.</textarea>");
        assertThat(page).contains("<option value=\"PHONE\" selected=\"selected\">");
        // The field is named, the message sits next to it and is tied to it, and the first box is focused.
        assertThat(page).contains("id=\"categories-error\"", "Catégories : cochez au moins une catégorie.");
        assertThat(page).containsPattern("<fieldset[^>]*id=\"categories\"[^>]*aria-describedby=\"categories-error\"");
        assertThat(tag(page, "id=\"cat-CYBERHARASSMENT\"")).contains("autofocus=\"autofocus\"", "aria-invalid=\"true\"");
        assertThat(page.split("autofocus=\"autofocus\"", -1)).hasSize(2);
        // What was typed went back in the answer only: never into the log.
        assertThat(output.getAll()).doesNotContain("Lou Appel-Perdu", "06 11 22 33 44", "Récit dicté");

        HttpCall.Reply stored = coordinator.post("/ui/cases", "channel=PHONE&reporterRole=VICTIM&ageBand=ADULT"
                + "&categories=DISCRIMINATION&victimName=" + enc("Lou Appel-Perdu"));
        assertThat(stored.status()).isEqualTo(302);
        assertThat(stored.header("Location").orElseThrow()).matches(".*/ui/cases/[0-9a-f-]{36}$")
                .doesNotContain("Lou");
    }

    @Test
    void refused_transfer_and_closure_forms_come_back_filled_in_with_the_rule_named_at_its_field() {
        ApiClient api = new ApiClient(port);
        String referralId = api.postJson("/api/referrals", "coordinator", """
                {"channel": "EMAIL", "reporterRole": "WITNESS", "ageBand": "ADULT", "categories": ["HATE_SPEECH"]}""")
                .json().get("referralId").asText();
        Session coordinator = Session.signIn(port, "coordinator");
        awaitPage(coordinator, "/ui/cases/" + referralId);

        HttpCall.Reply transfer = coordinator.post("/ui/cases/" + referralId + "/transfers",
                "destination=&legalBasis=CONSENT&sharedFields=CONTENT_URLS&message=" + enc("Merci de rappeler."));
        assertThat(transfer.status()).isEqualTo(422);
        assertThat(transfer.body()).contains("Merci de rappeler.</textarea>", "id=\"destination-error\"",
                "Partenaire et finalité : choisissez")
                .contains("Partenaire et finalité : choisissez");
        assertThat(tag(transfer.body(), "id=\"share-CONTENT_URLS\"")).contains("checked=\"checked\"");
        assertThat(tag(transfer.body(), "id=\"destination\"")).contains("autofocus=\"autofocus\"",
                "aria-invalid=\"true\"", "aria-describedby=\"destination-error destination-hint\"");

        HttpCall.Reply closure = coordinator.post("/ui/cases/" + referralId + "/closure",
                "outcome=DUPLICATE&duplicateOf=&note=" + enc("Même appelant que la semaine dernière."));
        assertThat(closure.status()).isEqualTo(409);
        assertThat(closure.body()).contains("Même appelant que la semaine dernière.</textarea>",
                "id=\"duplicateOf-error\"", "Un doublon doit indiquer le dossier qu’il répète")
                .contains("<option value=\"DUPLICATE\" selected=\"selected\">");
        assertThat(tag(closure.body(), "id=\"duplicateOf\"")).contains("autofocus=\"autofocus\"",
                "aria-invalid=\"true\"", "aria-describedby=\"duplicateOf-error duplicateOf-hint\"");
    }

    @Test
    void the_case_page_the_history_and_the_access_log_tell_what_people_did_in_french_with_names_and_references() {
        ApiClient api = new ApiClient(port);
        String referralId = api.postJson("/api/referrals", "coordinator", """
                {"channel": "CHAT", "reporterRole": "PARENT_OR_GUARDIAN", "ageBand": "AGE_11_14",
                 "categories": ["CYBERHARASSMENT", "NON_CONSENSUAL_IMAGERY"], "victim": {"name": "Plain Victim"},
                 "narrative": "Un récit."}""").json().get("referralId").asText();
        String base = "/api/referrals/" + referralId;
        assertThat(api.postJson(base + "/triage", "coordinator", "{\"riskLevel\": \"HIGH\"}").status()).isEqualTo(200);
        assertThat(api.postJson(base + "/consent", "coordinator", "{\"givenBy\": \"la mère\"}").status())
                .isEqualTo(200);
        HttpCall.Reply requested = HttpCall.post(port, base + "/transfers").as("coordinator").json("""
                {"partnerId": "demo-police-minors", "purpose": "INVESTIGATION", "legalBasis": "CONSENT",
                 "sharedFields": []}""").send();
        assertThat(requested.status()).isEqualTo(201);
        String transfer = base + "/transfers/" + requested.json().get("transferId").asText();
        assertThat(api.postJson(transfer + "/acknowledgement", "police", "").status()).isEqualTo(200);
        assertThat(api.postJson(transfer + "/acceptance", "police", "").status()).isEqualTo(200);
        assertThat(api.postJson(transfer + "/completion", "police", "{\"outcome\": \"INVESTIGATION_OPENED\"}")
                .status()).isEqualTo(200);
        assertThat(api.postJson(base + "/notes", "coordinator", "{\"text\": \"Rappeler lundi.\"}").status())
                .isBetween(200, 201);
        assertThat(api.postJson(base + "/consent/withdrawal", "coordinator", "{\"givenBy\": \"la mère\"}").status())
                .isEqualTo(200);
        assertThat(api.postJson(base + "/closure", "coordinator", "{\"outcome\": \"RESOLVED\"}").status())
                .isEqualTo(200);
        assertThat(api.postJson(base + "/reopening", "coordinator", "{\"reason\": \"Nouveaux faits\"}").status())
                .isEqualTo(200);
        String reference = api.get(base, "coordinator").json().get("reference").asText();

        Session coordinator = Session.signIn(port, "coordinator");
        String page = Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> coordinator.get("/ui/cases/" + referralId).body(),
                        body -> body.contains("class=\"partner-name\">" + POLICE));
        String timeline = section(page, "id=\"case-timeline\"", "</ol>");
        assertThat(timeline).contains(
                "Dossier " + reference + " reçu par le canal",
                "Dossier évalué : risque Élevé",
                "Consentement au partage recueilli.",
                "Transmission demandée à " + POLICE + " pour « Enquête",
                "Réception accusée par " + POLICE,
                "Prise en charge acceptée par " + POLICE,
                "Transmission terminée par " + POLICE + " : Enquête ouverte.",
                "Note interne ajoutée.",
                "Consentement au partage retiré.",
                "Dossier clôturé : Résolu.",
                "Dossier rouvert, avec un motif.",
                "coordinator (coordination)", "police (" + POLICE + ")");
        assertThat(timeline).containsPattern(">\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}</time>");
        assertThat(text(page)).doesNotContain("demo-police-minors", "IN_PROGRESS", "INVESTIGATION");
        // The note, the reason and who consented are sealed: the story says that they exist, never what they say.
        assertThat(timeline).doesNotContain("Rappeler lundi", "Nouveaux faits", "la mère");

        // The partner's liaison follows the intake and its own transfer, not the coordination's notes or triage.
        String asPartner = section(Session.signIn(port, "police").get("/ui/cases/" + referralId).body(),
                "id=\"case-timeline\"", "</ol>");
        assertThat(asPartner).contains("Dossier " + reference + " reçu", "Prise en charge acceptée par " + POLICE)
                .doesNotContain("Note interne", "Dossier évalué", "Consentement au partage");

        Session auditor = Session.signIn(port, "auditor");
        String history = auditor.get("/ui/cases/" + referralId + "/history").body();
        assertThat(text(history)).contains("Historique du dossier " + reference, "Dossier évalué : risque Élevé",
                        "Consentement au partage retiré.", "police (" + POLICE + ")")
                .doesNotContain("Event", "Triaged", "Transfer ", "demo-police-minors", "COORDINATOR")
                .doesNotContainPattern(UUID)
                .doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}\\.\\d");
        assertThat(history).contains("href=\"/ui/audit/access?referralId=" + referralId + "\"");
        String byPolice = text(auditor.get("/ui/cases/" + referralId + "/history?actor=police").body());
        assertThat(byPolice).contains("Réception accusée par " + POLICE).doesNotContain("Dossier évalué");
        String tomorrow = java.time.LocalDate.now().plusDays(2).toString();
        assertThat(text(auditor.get("/ui/cases/" + referralId + "/history?from=" + tomorrow).body()))
                .doesNotContain("Dossier évalué");

        // The coordinator's reading of the page is in the access log, found by the case's reference.
        String access = auditor.get("/ui/audit/access?referralId=" + reference).body();
        assertThat(text(access)).contains(reference, "coordinator (coordination)").doesNotContainPattern(UUID);
        assertThat(access).contains("href=\"/ui/cases/" + referralId + "/history\"");
        assertThat(text(auditor.get("/ui/audit/access?referralId=" + reference + "&from=" + tomorrow).body()))
                .contains("Aucun accès");
    }

    @Test
    void every_page_links_a_favicon_and_it_answers() {
        HttpCall.Reply ico = HttpCall.get(port, "/favicon.ico").send();
        assertThat(ico.status()).isEqualTo(200);
        HttpCall.Reply svg = HttpCall.get(port, "/ui/assets/favicon.svg").send();
        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.contentType()).startsWith("image/svg+xml");
        assertThat(HttpCall.get(port, "/login").send().body())
                .contains("rel=\"icon\" type=\"image/svg+xml\" href=\"/ui/assets/favicon.svg\"");
    }

    private static void awaitPage(Session session, String path) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> session.get(path).status() == 200);
    }

    /** The text a person reads: the page without its tags (addresses in links are not read). */
    private static String text(String html) {
        return html.replaceAll("(?s)<script.*?</script>", " ").replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    }

    /** The opening tag of the element with this attribute. */
    private static String tag(String page, String attribute) {
        int at = page.indexOf(attribute);
        assertThat(at).as(attribute).isNotNegative();
        return page.substring(page.lastIndexOf('<', at), page.indexOf('>', at) + 1);
    }

    private static String section(String page, String from, String to) {
        int start = page.indexOf(from);
        assertThat(start).as(from).isNotNegative();
        return page.substring(start, page.indexOf(to, start));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A browser's session: signed in through the login form, each form posted with the session's CSRF token. */
    record Session(int port, String cookie, String csrf) {

        private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

        static Session signIn(int port, String user) {
            HttpCall.Reply form = HttpCall.get(port, "/login").send();
            String cookie = form.header("Set-Cookie").orElseThrow().split(";", 2)[0];
            HttpCall.Reply login = HttpCall.post(port, "/login").header("Cookie", cookie)
                    .body("application/x-www-form-urlencoded", "username=" + user + "&password=" + user + "&_csrf="
                            + enc(token(form.body()))).send();
            assertThat(login.status()).isEqualTo(302);
            String session = login.header("Set-Cookie").orElse(cookie).split(";", 2)[0];
            HttpCall.Reply page = HttpCall.get(port, "/ui/cases/new").header("Cookie", session).send();
            return new Session(port, session, page.status() == 200 ? token(page.body()) : null);
        }

        private static String token(String html) {
            Matcher matcher = TOKEN.matcher(html);
            assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
            return matcher.group(1);
        }

        HttpCall.Reply get(String path) {
            return HttpCall.get(port, path).header("Cookie", cookie).send();
        }

        HttpCall.Reply post(String path, String form) {
            return HttpCall.post(port, path).header("Cookie", cookie)
                    .body("application/x-www-form-urlencoded", form + "&_csrf=" + enc(csrf)).send();
        }
    }
}
