package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.relais.app.api.FindingCasesTest.email;
import static org.relais.app.api.FindingCasesTest.intake;
import static org.relais.app.api.FindingCasesTest.phone;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.relais.app.support.HttpCall;
import org.relais.app.support.UiLogin;
import tools.jackson.databind.JsonNode;

/**
 * GDPR Art. 16 and 15 over HTTP: a coordinator corrects or completes a case's personal data (the case shows the
 * current values, its history says what changed without the values, a partner with access sees the new values of its
 * fields, the blind index follows), and an administrator exports everything the case holds about its subject.
 */
class RectificationAndSubjectExportTest extends ApiTestBase {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");


    @Test
    void a_coordinator_corrects_the_contact_and_adds_to_the_narrative_and_the_history_names_the_fields_only() {
        String oldPhone = phone();
        String newPhone = phone();
        String referralId = received(intake(oldPhone, email()));
        HttpCall.Reply reply = post("/api/referrals/" + referralId + "/personal-data").as("coordinator")
                .header("If-Match", "\"0\"")
                .json("{\"victim\": {\"contact\": \"" + newPhone + "\"}, "
                        + "\"narrativeAddendum\": \"Called back: the account was recreated.\"}").send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("version").asLong()).isEqualTo(1);

        JsonNode detail = await().until(() -> get("/api/referrals/" + referralId).as("coordinator").send().json(),
                json -> json.has("version") && json.get("version").asLong() == 1);
        assertThat(detail.get("victim").get("contact").asString()).isEqualTo(newPhone);
        assertThat(detail.get("victim").get("name").asString()).isEqualTo("Victim of a lookup");
        assertThat(detail.get("narrative").asString()).endsWith("Called back: the account was recreated.");

        JsonNode history = await().until(() -> get("/api/referrals/" + referralId + "/history").as("auditor").send()
                .json(), json -> json.toString().contains("rectified"));
        assertThat(history.toString()).contains("Personal data rectified: victim contact, narrative addendum")
                .doesNotContain(newPhone).doesNotContain("recreated");

        assertThat(lookup(oldPhone).get("total").asInt()).as("the old number").isZero();
        assertThat(lookup(newPhone).get("items").get(0).get("referralId").asString()).isEqualTo(referralId);
    }

    @Test
    void a_rectification_is_refused_without_a_field_with_a_blank_value_on_an_erased_case_and_to_others() {
        String referralId = received(intake(phone(), email()));
        long before = events();
        assertProblem(rectify(referralId, "coordinator", "{}"), 400, "INVALID_INPUT");
        assertProblem(rectify(referralId, "coordinator", "{\"victim\": {\"name\": \"  \"}}"), 400, "INVALID_INPUT");
        assertProblem(rectify(referralId, "coordinator", "{\"contentUrls\": [\"not a url\"]}"), 400, "INVALID_INPUT");
        assertThat(rectify(referralId, "auditor", "{\"victim\": {\"name\": \"X\"}}").status()).isEqualTo(403);
        assertThat(rectify(referralId, "police", "{\"victim\": {\"name\": \"X\"}}").status()).isEqualTo(403);
        assertThat(events()).isEqualTo(before);

        assertThat(post("/api/referrals/" + referralId + "/erasure").as("admin").json("{}").send().status())
                .isEqualTo(200);
        assertProblem(rectify(referralId, "coordinator", "{\"victim\": {\"name\": \"Too late\"}}"), 409,
                "REFERRAL_ERASED");
    }

    @Test
    void a_closed_case_can_be_rectified_and_the_partner_with_access_sees_the_new_urls() {
        String[] ids = fixtures().accepted();
        String referralId = ids[0];
        assertThat(rectify(referralId, "coordinator",
                "{\"contentUrls\": [\"https://social.example/p/999\"]}").status()).isEqualTo(200);
        JsonNode shown = await().until(() -> get("/api/referrals/" + referralId).as("platform").send().json(),
                json -> json.toString().contains("/p/999"));
        assertThat(shown.get("contentUrls").valueStream().map(JsonNode::asString).toList())
                .containsExactly("https://social.example/p/999");
        assertThat(shown.has("victim")).isFalse();

        String closed = fixtures().closed();
        assertThat(rectify(closed, "coordinator", "{\"reporter\": {\"name\": \"Corrected Name\"}}").status())
                .isEqualTo(200);
    }

    @Test
    void an_administrator_exports_every_value_the_case_held_and_its_history_and_the_export_is_recorded() {
        String firstPhone = phone();
        String secondPhone = phone();
        String referralId = received(intake(firstPhone, email()));
        assertThat(rectify(referralId, "coordinator", "{\"victim\": {\"contact\": \"" + secondPhone + "\"}}")
                .status()).isEqualTo(200);
        await().until(() -> get("/api/referrals/" + referralId + "/history").as("auditor").send().json()
                .toString().contains("rectified"));

        HttpCall.Reply export = get("/api/referrals/" + referralId
                + "/subject-export?purpose=request%20of%20the%20victim").as("admin").send();
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        JsonNode document = export.json();
        assertThat(document.get("current").get("victim").get("contact").asString()).isEqualTo(secondPhone);
        List<JsonNode> history = document.get("history").valueStream().toList();
        assertThat(history).extracting(entry -> entry.get("event").asString())
                .contains("ReferralReceivedEvent", "PersonalDataRectifiedEvent");
        assertThat(history.get(0).get("personalData").get("victim.contact").asString()).isEqualTo(firstPhone);
        assertThat(history.stream().filter(entry -> entry.get("event").asString().equals("PersonalDataRectifiedEvent"))
                .findFirst().orElseThrow().get("personalData").get("victim.contact").asString())
                .isEqualTo(secondPhone);
        assertThat(history.get(0).get("actorUser").asString()).isEqualTo("coordinator");

        JsonNode log = await().until(() -> get("/api/audit/access?referralId=" + referralId).as("auditor").send()
                .json(), json -> json.toString().contains("subject access request"));
        JsonNode record = log.get("items").valueStream().filter(r -> r.get("purpose").asString()
                .startsWith("subject access request")).findFirst().orElseThrow();
        assertThat(record.get("actorUser").asString()).isEqualTo("admin");
        assertThat(record.get("purpose").asString()).endsWith("request of the victim");

        assertThat(get("/api/referrals/" + referralId + "/subject-export").as("coordinator").send().status())
                .isEqualTo(403);
        assertProblem(get("/api/referrals/no-such-case/subject-export").as("admin").send(), 404, "NOT_FOUND");
    }

    @Test
    void an_administrator_downloads_the_export_from_the_page_by_the_reference_the_person_gives() {
        String contact = phone();
        HttpCall.Reply intake = post("/api/referrals").as("coordinator").json(intake(contact, email())).send();
        String referralId = intake.text("referralId");
        String reference = intake.text("reference");
        await().until(() -> get("/api/referrals/" + referralId).as("coordinator").send().status() == 200);
        String session = UiLogin.session(port, "admin");
        HttpCall.Reply page = get("/ui/admin/subject-export").header("Cookie", session).send();
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).as("the form's CSRF token").isTrue();
        String csrf = "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);

        HttpCall.Reply download = post("/ui/admin/subject-export").header("Cookie", session)
                .body("application/x-www-form-urlencoded", "reference=" + reference.toLowerCase()
                        + "&purpose=letter%20of%20the%20victim" + csrf).send();
        assertThat(download.status()).as(download.toString()).isEqualTo(200);
        assertThat(download.header("Content-Disposition")).hasValueSatisfying(value -> assertThat(value)
                .startsWith("attachment").contains(reference));
        assertThat(download.json().get("current").get("victim").get("contact").asString()).isEqualTo(contact);
        await().until(() -> get("/api/audit/access?referralId=" + referralId).as("auditor").send().json().toString()
                .contains("letter of the victim"));

        HttpCall.Reply unknown = post("/ui/admin/subject-export").header("Cookie", session)
                .body("application/x-www-form-urlencoded", "reference=R-1999-999999" + csrf).send();
        assertThat(unknown.status()).isEqualTo(303);
        assertThat(get(unknown.header("Location").orElseThrow()).header("Cookie", session).send().body())
                .contains("subject-export-unknown");
        assertThat(get("/ui/admin/subject-export").header("Cookie", UiLogin.session(port, "coordinator")).send()
                .status()).isEqualTo(403);
    }

    private HttpCall.Reply rectify(String referralId, String user, String body) {
        return post("/api/referrals/" + referralId + "/personal-data").as(user).json(body).send();
    }

    private JsonNode lookup(String contact) {
        return get("/api/referrals?contact=" + URLEncoder.encode(contact, StandardCharsets.UTF_8)).as("coordinator")
                .send().json();
    }

    private String received(String intake) {
        HttpCall.Reply reply = post("/api/referrals").as("coordinator").json(intake).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.text("referralId");
    }
}
