package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.relais.app.support.HttpCall;
import org.relais.app.support.PersonalData;
import tools.jackson.databind.JsonNode;

/**
 * A problem speaks the request's language (Accept-Language: English by default, or French), every text of it in
 * that one language; a 400 names the parameter or the body member at fault and, for an enum or a sort, the values
 * accepted; a refusal by a rule names the rule and the member that broke it.
 */
class ProblemsNameTheFaultInOneLanguageTest extends ApiTestBase {

    private static final String BAD_INTAKE = PersonalData.intake()
            .replace("\"CYBERHARASSMENT\", \"NON_CONSENSUAL_IMAGERY\"", "")
            .replace("\"https://social.example/p/123\"", "\"ftp://social.example/p/123\"");

    @Test
    void the_same_bad_intake_answers_wholly_in_english_by_default_and_when_asked() {
        for (String language : new String[] {null, "en", "en-GB,en;q=0.9", "de-DE"}) {
            HttpCall call = post("/api/referrals").as("coordinator").json(BAD_INTAKE);
            if (language != null) {
                call.header("Accept-Language", language);
            }
            HttpCall.Reply reply = call.send();
            assertProblem(reply, 400, "INVALID_INPUT");
            List<String> texts = texts(reply.json());
            assertThat(texts).as(language).contains("Invalid request", "must not be empty", "must be an http(s) URL");
            assertThat(String.join(" ", texts)).as(language).doesNotContain("doit", "être", "Requête");
            assertThat(pointers(reply.json())).containsExactlyInAnyOrder("/categories", "/contentUrls/0");
        }
    }

    @Test
    void the_same_bad_intake_answers_wholly_in_french_when_asked() {
        HttpCall.Reply reply = post("/api/referrals").as("coordinator").header("Accept-Language", "fr-FR,fr;q=0.9")
                .json(BAD_INTAKE).send();
        assertProblem(reply, 400, "INVALID_INPUT");
        List<String> texts = texts(reply.json());
        assertThat(texts).contains("Requête invalide", "ne doit pas être vide", "doit être une URL http(s)");
        assertThat(String.join(" ", texts)).doesNotContain("must", "are invalid", "Invalid", "field");
        assertThat(pointers(reply.json())).containsExactlyInAnyOrder("/categories", "/contentUrls/0");
    }

    @Test
    void a_refusal_by_a_rule_speaks_the_language_asked_with_readable_states() {
        String[] ids = fixtures().acknowledged();
        String completion = "/api/referrals/" + ids[0] + "/transfers/" + ids[1] + "/completion";
        HttpCall.Reply english = post(completion).as("platform").json("{\"outcome\": \"CONTENT_REMOVED\"}").send();
        assertProblem(english, 409, "TRANSFER_STATE_INVALID");
        assertThat(english.text("title")).isEqualTo("Refused by a rule");
        assertThat(english.text("detail")).isEqualTo("The transfer is “Acknowledged”: it cannot be completed now.");

        HttpCall.Reply french = post(completion).as("platform").header("Accept-Language", "fr")
                .json("{\"outcome\": \"CONTENT_REMOVED\"}").send();
        assertProblem(french, 409, "TRANSFER_STATE_INVALID");
        assertThat(french.text("title")).isEqualTo("Refusé par une règle");
        assertThat(french.text("detail")).isEqualTo(
                "La transmission est à l’état « Réception accusée » : elle ne peut pas être terminée maintenant.");
    }

    @Test
    void a_field_the_agreement_does_not_allow_is_named() {
        String referralId = fixtures().withConsent();
        String partnerId = fixtures().partnerWithAgreement();
        HttpCall.Reply reply = post("/api/referrals/" + referralId + "/transfers").as("coordinator").json("""
                {"partnerId": "%s", "purpose": "PSYCHOLOGICAL_SUPPORT", "legalBasis": "CONSENT",
                 "sharedFields": ["narrative", "victim.name"]}""".formatted(partnerId)).send();
        assertProblem(reply, 409, "AGREEMENT_FIELD_NOT_ALLOWED");
        assertThat(reply.text("detail")).isEqualTo(
                "The partner’s agreement does not allow sharing the field “Victim’s name”.");
        assertThat(reply.json().get("errors").get(0).get("pointer").asString()).isEqualTo("/sharedFields");
    }

    @Test
    void a_bad_query_parameter_is_named_with_the_values_accepted() {
        String referralId = fixtures().received();
        assertParameter(get("/api/referrals?sort=receivedAt,desc").as("coordinator").send(), "sort",
                "-receivedAt", "updatedAt", "reference");
        assertParameter(get("/api/referrals?status=BOGUS").as("coordinator").send(), "status",
                "RECEIVED", "TRIAGED", "IN_PROGRESS", "CLOSED");
        assertParameter(get("/api/referrals/" + referralId + "/history/export?format=xml").as("auditor").send(),
                "format", "json", "csv");
        HttpCall.Reply asOf = get("/api/referrals/" + referralId + "/history?asOf=yesterday").as("auditor").send();
        assertParameter(asOf, "asOf");
        assertThat(asOf.json().get("errors").get(0).get("detail").asString()).contains("2026-03-02T09:30:00Z");
        HttpCall.Reply french = get("/api/referrals?risk=MAXIMUM").as("coordinator")
                .header("Accept-Language", "fr").send();
        assertParameter(french, "risk", "IMMEDIATE_DANGER", "LOW");
        assertThat(french.text("detail")).isEqualTo("Le paramètre risk est invalide : voir errors.");
        assertThat(french.json().get("errors").get(0).get("detail").asString()).startsWith("doit valoir");
    }

    @Test
    void a_wrong_enum_inside_the_body_is_named_by_its_pointer_with_the_values_accepted() {
        String referralId = fixtures().withConsent();
        HttpCall.Reply basis = post("/api/referrals/" + referralId + "/transfers").as("coordinator")
                .json(Fixtures.PLATFORM_TRANSFER.replace("\"CONSENT\"", "\"BECAUSE\"")).send();
        assertProblem(basis, 400, "MALFORMED_REQUEST");
        JsonNode error = basis.json().get("errors").get(0);
        assertThat(error.get("pointer").asString()).isEqualTo("/legalBasis");
        assertThat(values(error.get("allowed"))).contains("CONSENT", "MANDATORY_REPORT");
        assertThat(basis.body()).doesNotContain("BECAUSE");

        HttpCall.Reply field = post("/api/referrals/" + referralId + "/transfers").as("coordinator")
                .json(Fixtures.PLATFORM_TRANSFER.replace("\"contentUrls\"", "\"victim.passport\"")).send();
        assertProblem(field, 400, "MALFORMED_REQUEST");
        JsonNode fieldError = field.json().get("errors").get(0);
        assertThat(fieldError.get("pointer").asString()).startsWith("/sharedFields");
        assertThat(values(fieldError.get("allowed"))).contains("victim.name", "contentUrls");
        assertThat(field.body()).doesNotContain("passport");
    }

    @Test
    void an_anonymous_call_is_told_how_to_sign_in_in_its_language() {
        HttpCall.Reply reply = get("/api/referrals").header("Accept-Language", "fr").send();
        assertProblem(reply, 401, "UNAUTHENTICATED");
        assertThat(reply.header("WWW-Authenticate")).contains("Basic realm=\"Relais API\", charset=\"UTF-8\"");
        assertThat(reply.text("detail")).isEqualTo("Une authentification est requise.");
        HttpCall.Reply wrong = get("/api/referrals").header("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString("coordinator:nope".getBytes())).send();
        assertProblem(wrong, 401, "UNAUTHENTICATED");
        assertThat(wrong.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value)
                .startsWith("Basic realm="));
        assertThat(wrong.text("detail")).isEqualTo("Authentication is required.");
    }

    /** A browser keeping Basic credentials from the prompt cannot be made to send them from another site. */
    @Test
    void a_browser_request_on_behalf_of_another_site_is_refused_even_with_credentials() {
        String referralId = fixtures().received();
        for (String site : new String[] {"cross-site", "same-site"}) {
            HttpCall.Reply forged = get("/api/referrals/" + referralId).as("coordinator")
                    .header("Sec-Fetch-Site", site).send();
            assertProblem(forged, 403, "FORBIDDEN");
            assertThat(forged.body()).doesNotContain(PersonalData.VICTIM_NAME);
        }
        await().until(() -> get("/api/referrals/" + referralId).as("coordinator").header("Sec-Fetch-Site",
                "same-origin").send().status() == 200);
    }

    @Test
    void the_pages_speak_french_unless_english_is_picked_whatever_the_browser_asks() {
        assertThat(get("/login").header("Accept-Language", "en").send().body()).contains("Connexion");
        HttpCall.Reply english = get("/login?lang=en").send();
        assertThat(english.body()).contains("Sign in");
        String cookie = english.headers().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Set-Cookie"))
                .flatMap(header -> header.getValue().stream()).filter(value -> value.startsWith("relais-lang="))
                .findFirst().orElseThrow().split(";", 2)[0];
        assertThat(get("/login").header("Cookie", cookie).send().body()).contains("Sign in");
        HttpCall.Reply api = get("/api/referrals?status=BOGUS").as("coordinator").header("Cookie", cookie)
                .header("Accept-Language", "fr").send();
        assertThat(api.text("title")).as("the API follows Accept-Language, not the pages' cookie")
                .isEqualTo("Requête invalide");
    }

    private static void assertParameter(HttpCall.Reply reply, String parameter, String... allowed) {
        assertProblem(reply, 400, "INVALID_INPUT");
        assertThat(reply.text("parameter")).as(reply.toString()).isEqualTo(parameter);
        JsonNode error = reply.json().get("errors").get(0);
        assertThat(error.get("parameter").asString()).isEqualTo(parameter);
        assertThat(reply.text("detail")).contains(parameter);
        if (allowed.length > 0) {
            assertThat(values(error.get("allowed"))).as(reply.toString()).contains(allowed);
            assertThat(error.get("detail").asString()).contains(allowed[0]);
        }
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static List<String> pointers(JsonNode problem) {
        List<String> pointers = new ArrayList<>();
        problem.get("errors").forEach(error -> pointers.add(error.get("pointer").asString()));
        return pointers;
    }

    /** Every text a person reads in a problem: the title, the detail and each error's detail. */
    private static List<String> texts(JsonNode problem) {
        List<String> texts = new ArrayList<>(List.of(problem.get("title").asString(), problem.get("detail").asString()));
        if (problem.has("errors")) {
            problem.get("errors").forEach(error -> texts.add(error.get("detail").asString()));
        }
        return texts;
    }
}
