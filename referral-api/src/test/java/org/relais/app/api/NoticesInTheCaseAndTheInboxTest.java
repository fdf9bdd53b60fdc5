package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.relais.app.support.HttpCall;
import org.relais.app.support.UiLogin;

import tools.jackson.databind.JsonNode;

/**
 * A content removal's hosting service and the answers to its notices, as the case JSON and the partner's inbox (API
 * and page) show them: each notice by its index, its URL only to a reader shown the content URLs, the outcome, the
 * time of action and the statement-of-reasons reference or "not provided"; the inbox never gives a URL.
 */
class NoticesInTheCaseAndTheInboxTest extends ApiTestBase {

    private static final String FIRST_URL = "https://social.example/p/notice-a";
    private static final String SECOND_URL = "https://social.example/p/notice-b";

    /** The removal's transfer in the case of the test under way. */
    private String transferId;

    @Test
    void the_case_and_the_inbox_show_the_hosting_service_and_each_notice_as_the_reader_may_see_it() {
        String id = removalToTheHelpline();
        answer(id, 1, "{\"outcome\": \"REFUSED\", \"statementOfReasons\": \"SoR-77\"}");

        JsonNode coordinatorView = await().until(() -> transfer(read(id, "coordinator")),
                t -> t.get("notices").get(1).has("outcome"));
        assertThat(coordinatorView.get("hostingService").get("name").asString()).isEqualTo("Social Example");
        assertThat(coordinatorView.get("hostingService").get("partnerId").isNull()).as("not a partner").isTrue();
        JsonNode notices = coordinatorView.get("notices");
        assertThat(notices).hasSize(2);
        assertThat(notices.get(0).get("noticeIndex").asInt()).isZero();
        assertThat(notices.get(0).get("url").asString()).isEqualTo(FIRST_URL);
        assertThat(notices.get(0).has("outcome")).as("not answered yet").isFalse();
        assertThat(notices.get(0).has("statementOfReasons")).isFalse();
        assertThat(notices.get(1).get("url").asString()).isEqualTo(SECOND_URL);
        assertThat(notices.get(1).get("outcome").asString()).isEqualTo("REFUSED");
        assertThat(notices.get(1).get("actedAt").asString()).as("the time of the answer, by default").isNotBlank();
        assertThat(notices.get(1).get("statementOfReasons").asString()).isEqualTo("SoR-77");

        answer(id, 0, "{\"outcome\": \"REMOVED\"}");
        JsonNode liaisonView = await().until(() -> transfer(read(id, "helpline")),
                t -> t.get("notices").get(0).has("outcome"));
        assertThat(liaisonView.get("notices").get(0).get("url").asString())
                .as("the liaison was given the content URLs").isEqualTo(FIRST_URL);
        assertThat(liaisonView.get("notices").get(0).get("outcome").asString()).isEqualTo("REMOVED");
        assertThat(liaisonView.get("notices").get(0).get("statementOfReasons").asString()).isEqualTo("not provided");
        assertThat(transfer(read(id, "auditor")).get("notices").get(0).get("statementOfReasons").asString())
                .isEqualTo("not provided");

        JsonNode item = inboxItem(id);
        assertThat(item.get("hostingService").get("name").asString()).isEqualTo("Social Example");
        assertThat(item.get("noticeCount").asInt()).isEqualTo(2);
        assertThat(item.get("noticeAnswers")).hasSize(2);
        assertThat(item.get("noticeAnswers").get(0).get("outcome").asString()).isEqualTo("REMOVED");
        assertThat(item.get("noticeAnswers").get(0).get("statementOfReasons").asString()).isEqualTo("not provided");
        assertThat(item.get("noticeAnswers").get(1).get("statementOfReasons").asString()).isEqualTo("SoR-77");
        assertThat(item.toString()).as("the inbox holds no personal data").doesNotContain("https://");

        String row = inboxRow(id, UiLogin.session(port, "helpline"));
        assertThat(row).contains("Service d’hébergement : Social Example",
                "Lien 1 : Retiré le", "exposé des motifs : non fourni",
                "Lien 2 : Refusé le", "exposé des motifs : SoR-77").doesNotContain("https://");

        // Once the consent is withdrawn the transfer opens nothing: the notices stay, their URLs are no longer shown.
        Fixtures.ok(post("/api/referrals/" + id + "/consent/withdrawal").as("coordinator")
                .json("{\"givenBy\": \"Sam\"}").send(), 200);
        JsonNode closedToTheLiaison = await().until(() -> transfer(read(id, "helpline")),
                t -> t.get("consentWithdrawn").asBoolean());
        assertThat(closedToTheLiaison.get("notices")).hasSize(2);
        assertThat(closedToTheLiaison.get("notices").get(1).get("statementOfReasons").asString()).isEqualTo("SoR-77");
        assertThat(closedToTheLiaison.toString()).doesNotContain("https://");
        assertThat(transfer(read(id, "coordinator")).get("notices").get(1).get("url").asString())
                .isEqualTo(SECOND_URL);
    }

    @Test
    void a_transfer_for_another_purpose_has_no_hosting_service_and_no_notices() {
        String id = fixtures().withConsent();
        Fixtures.ok(post("/api/referrals/" + id + "/transfers").as("coordinator").json("""
                {"partnerId": "demo-helpline", "purpose": "PSYCHOLOGICAL_SUPPORT", "legalBasis": "CONSENT",
                 "sharedFields": ["narrative"]}""").send(), 201);
        JsonNode transfer = await().until(() -> read(id, "coordinator"), c -> c.get("transfers").size() == 1)
                .get("transfers").get(0);
        assertThat(transfer.has("hostingService")).isFalse();
        assertThat(transfer.has("notices")).isFalse();
    }

    /** A case with two content URLs, its removal request to the helpline for "Social Example", accepted. */
    private String removalToTheHelpline() {
        String id = Fixtures.ok(post("/api/referrals").as("coordinator").json("""
                {"channel": "CHAT", "reporterRole": "VICTIM", "ageBand": "AGE_15_17",
                 "categories": ["CYBERHARASSMENT"], "contentUrls": ["%s", "%s"],
                 "victim": {"name": "Sam Exemple", "contact": "06 00 00 00 00"}, "narrative": "Posts about me"}
                """.formatted(FIRST_URL, SECOND_URL)).send(), 201).text("referralId");
        fixtures().triage(id);
        Fixtures.ok(post("/api/referrals/" + id + "/consent").as("coordinator").json("{\"givenBy\": \"Sam\"}")
                .send(), 200);
        String transferId = Fixtures.ok(post("/api/referrals/" + id + "/transfers").as("coordinator").json("""
                {"partnerId": "demo-helpline", "purpose": "CONTENT_REMOVAL", "legalBasis": "CONSENT",
                 "sharedFields": ["contentUrls"], "hostingService": {"name": "Social Example"}}""").send(), 201)
                .text("transferId");
        for (String step : new String[] {"acknowledgement", "acceptance"}) {
            Fixtures.ok(post("/api/referrals/" + id + "/transfers/" + transferId + "/" + step).as("helpline")
                    .send(), 200);
        }
        this.transferId = transferId;
        return id;
    }

    private void answer(String id, int index, String body) {
        Fixtures.ok(post("/api/referrals/" + id + "/transfers/" + transferId + "/notices/" + index + "/outcome")
                .as("helpline").json(body).send(), 200);
    }

    private JsonNode read(String id, String user) {
        HttpCall.Reply reply = get("/api/referrals/" + id).as(user).send();
        return reply.status() == 200 ? reply.json() : null;
    }

    private JsonNode transfer(JsonNode theCase) {
        return theCase == null ? null : theCase.get("transfers").valueStream()
                .filter(t -> t.get("transferId").asString().equals(transferId)).findFirst().orElse(null);
    }

    /** The case's line in the helpline's inbox once it shows both answers (the inbox is sorted by deadline). */
    private JsonNode inboxItem(String id) {
        return await().until(() -> find(get("/api/partners/demo-helpline/inbox?state=ACCEPTED&size=200")
                .as("helpline").send().json(), id), item -> item.isPresent()
                && item.get().get("noticeAnswers").size() == 2).orElseThrow();
    }

    private static Optional<JsonNode> find(JsonNode page, String id) {
        return page.get("items").valueStream().filter(i -> i.get("referralId").asString().equals(id)).findFirst();
    }

    /** The case's row of the inbox page, looked for page by page among the accepted transfers. */
    private String inboxRow(String id, String session) {
        for (int page = 0; page < 40; page++) {
            HttpCall.Reply reply = get("/ui/inbox?state=ACCEPTED&page=" + page).header("Cookie", session).send();
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            String body = reply.body();
            int start = body.indexOf("/ui/cases/" + id);
            if (start >= 0) {
                int end = body.indexOf("</tr>", start);
                return body.substring(body.lastIndexOf("<tr", start), end);
            }
            if (!body.contains("page=" + (page + 1))) {
                break;
            }
        }
        throw new AssertionError("the case is not in the helpline's inbox page");
    }
}
