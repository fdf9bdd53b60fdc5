package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.relais.app.api.FindingCasesTest.email;
import static org.relais.app.api.FindingCasesTest.intake;
import static org.relais.app.api.FindingCasesTest.phone;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.relais.app.support.HttpCall;
import org.relais.app.support.PersonalData;
import org.relais.app.support.UiLogin;
import tools.jackson.databind.JsonNode;

/**
 * GDPR Art. 16 and 15 over HTTP: a coordinator corrects or completes a case's personal data (the case shows the
 * current values, its history says what changed without the values, a partner with access sees the new values of its
 * fields, the blind index follows), and an administrator exports everything the case holds about its subject.
 */
class RectificationAndSubjectExportTest extends ApiTestBase {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final String NOTE = "Rappelée : la victime préfère un appel le soir";
    private static final String MESSAGE = "Nous avons proposé un rendez-vous mardi";

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
        JsonNode rectified = entry(history.get("items"), "PersonalDataRectifiedEvent");
        assertThat(rectified.get("actorUser").asString()).as("who rectified").isEqualTo("coordinator");
        assertThat(rectified.get("actorRole").asString()).isEqualTo("COORDINATOR");
        Instant at = Instant.parse(rectified.get("at").asString());
        assertThat(at).as("when: the change the case shows as its last")
                .isEqualTo(Instant.parse(detail.get("updatedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(entry(history.get("items"), "ReferralReceivedEvent").get("at")
                        .asString()));

        assertThat(lookup(oldPhone).get("total").asInt()).as("the old number").isZero();
        assertThat(lookup(newPhone).get("items").get(0).get("referralId").asString()).isEqualTo(referralId);
    }

    @Test
    void a_rectification_replayed_with_its_idempotency_key_is_stored_once_and_a_stale_version_changes_nothing() {
        String newPhone = phone();
        String referralId = received(intake(phone(), email()));
        String personalData = "/api/referrals/" + referralId + "/personal-data";
        HttpCall.Reply first = sentTwiceWithOneKey(() -> post(personalData).as("coordinator")
                .header("If-Match", "\"0\"").json("{\"victim\": {\"contact\": \"" + newPhone + "\"}}"),
                "rectify-1");
        assertThat(first.json().get("version").asLong()).isEqualTo(1);

        assertStaleVersionRefused(post(personalData).as("coordinator")
                .json("{\"victim\": {\"contact\": \"" + phone() + "\"}}"), "\"0\"");
        JsonNode history = await().until(() -> get("/api/referrals/" + referralId + "/history").as("auditor").send()
                .json(), json -> json.toString().contains("rectified"));
        assertThat(history.get("items").valueStream()
                .filter(item -> item.get("eventType").asString().equals("PersonalDataRectifiedEvent"))).hasSize(1);
        JsonNode detail = get("/api/referrals/" + referralId).as("coordinator").send().json();
        assertThat(detail.get("version").asLong()).isEqualTo(1);
        assertThat(detail.get("victim").get("contact").asString()).isEqualTo(newPhone);
    }

    @Test
    void a_partner_given_the_victims_name_and_contact_is_shown_their_rectified_values_and_nothing_else() {
        String referralId = fixtures().withConsent();
        Fixtures.ok(post("/api/referrals/" + referralId + "/transfers").as("coordinator").json("""
                {"partnerId": "demo-child-abuse-association", "purpose": "PSYCHOLOGICAL_SUPPORT",
                 "legalBasis": "CONSENT", "sharedFields": ["victim.name", "victim.contact"]}""").send(), 201);
        String newName = "Rectified Victim-Name";
        String newContact = phone();
        assertThat(rectify(referralId, "coordinator", "{\"victim\": {\"name\": \"" + newName
                + "\", \"contact\": \"" + newContact + "\"}, \"reporter\": {\"name\": \"Rectified Reporter\"}}")
                .status()).isEqualTo(200);

        JsonNode shown = await().until(() -> get("/api/referrals/" + referralId).as("association").send(),
                reply -> reply.status() == 200 && reply.body().contains(newContact)).json();
        assertThat(shown.get("victim").get("name").asString()).isEqualTo(newName);
        assertThat(shown.get("victim").get("contact").asString()).isEqualTo(newContact);
        assertThat(shown.has("reporter")).as("a field not shared").isFalse();
        assertThat(shown.has("narrative")).isFalse();
        assertThat(shown.toString()).doesNotContain(PersonalData.VICTIM_NAME, PersonalData.VICTIM_CONTACT,
                "Rectified Reporter");
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
        String shownMessage = talkedAbout(referralId);
        await().until(() -> get("/api/referrals/" + referralId + "/history").as("auditor").send().json()
                .toString().contains("TransferMessagePostedEvent"));

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
        assertThat(document.get("current").get("notes").get(0).get("text").asString()).isEqualTo(NOTE);
        JsonNode note = entry(document.get("history"), "NoteAddedEvent");
        assertThat(note.get("personalData").get("referral.note").asString()).as("the note's text, opened")
                .isEqualTo(NOTE);
        JsonNode message = entry(document.get("history"), "TransferMessagePostedEvent");
        assertThat(message.get("personalData").get("transfer.conversationMessage").asString())
                .as("the message's text, opened").isEqualTo(MESSAGE);
        assertThat(message.get("actorUser").asString()).isEqualTo("helpline");

        JsonNode log = await().until(() -> get("/api/audit/access?referralId=" + referralId).as("auditor").send()
                .json(), json -> json.toString().contains("subject access request"));
        JsonNode record = log.get("items").valueStream().filter(r -> r.get("purpose").asString()
                .startsWith("subject access request")).findFirst().orElseThrow();
        assertThat(record.get("actorUser").asString()).isEqualTo("admin");
        assertThat(record.get("purpose").asString()).endsWith("request of the victim");
        assertThat(record.get("texts").valueStream().map(JsonNode::asString).toList())
                .contains("referral.note", shownMessage);

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

    /**
     * Triaged, consented, transferred to the helpline, with an internal note and a message of the helpline: how the
     * access log names that message once shown.
     */
    private String talkedAbout(String referralId) {
        fixtures().triage(referralId);
        Fixtures.ok(post("/api/referrals/" + referralId + "/consent").as("coordinator")
                .json("{\"givenBy\": \"the victim\"}").send(), 200);
        String transferId = Fixtures.ok(post("/api/referrals/" + referralId + "/transfers").as("coordinator")
                .json("""
                        {"partnerId": "demo-helpline", "purpose": "PSYCHOLOGICAL_SUPPORT", "legalBasis": "CONSENT",
                         "sharedFields": ["victim.contact"]}""").send(), 201).text("transferId");
        Fixtures.ok(post("/api/referrals/" + referralId + "/notes").as("coordinator")
                .json("{\"text\": \"" + NOTE + "\"}").send(), 201);
        String messageId = Fixtures.ok(post("/api/referrals/" + referralId + "/transfers/" + transferId + "/messages")
                .as("helpline").json("{\"text\": \"" + MESSAGE + "\"}").send(), 201).text("messageId");
        return "transfer.conversationMessage:" + transferId + "/" + messageId;
    }

    /** The first entry of a history (the timeline's items or the export's history) for this event type. */
    private static JsonNode entry(JsonNode entries, String eventType) {
        return entries.valueStream().filter(entry -> eventType.equals(entry.has("eventType")
                        ? entry.get("eventType").asString() : entry.get("event").asString()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + eventType + " in " + entries));
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
