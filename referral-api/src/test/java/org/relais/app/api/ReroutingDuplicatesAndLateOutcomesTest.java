package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.relais.app.support.HttpCall;
import tools.jackson.databind.JsonNode;

/**
 * The daily work around a case's end over HTTP: a declined transfer sent on to another partner, a repeat call closed
 * as a duplicate of the first case, a platform reporting its removal after the coordinator closed the case, and a
 * reopened case going back to where it stood. Rule breaks answer 409 with their code, malformed requests 400, and
 * neither stores anything.
 */
class ReroutingDuplicatesAndLateOutcomesTest extends ApiTestBase {

    private static final String HELPLINE = "demo-helpline";

    // re-routing

    @Test
    void a_declined_transfer_is_rerouted_to_another_partner_and_both_ends_show_the_link() {
        String[] ids = fixtures().declined();
        String path = "/api/referrals/" + ids[0] + "/transfers/" + ids[1] + "/reroute";

        HttpCall.Reply rerouted = post(path).as("coordinator").header("Idempotency-Key", "reroute-" + ids[1])
                .json("{\"partnerId\": \"" + HELPLINE + "\", \"message\": \"The platform says it is not theirs\"}")
                .send();
        assertThat(rerouted.status()).as(rerouted.toString()).isEqualTo(201);
        String newTransferId = rerouted.text("transferId");
        assertThat(newTransferId).isNotEqualTo(ids[1]);
        assertThat(rerouted.text("deadline")).isNotBlank();
        long eventsAfter = events();
        HttpCall.Reply replayed = post(path).as("coordinator").header("Idempotency-Key", "reroute-" + ids[1])
                .json("{\"partnerId\": \"" + HELPLINE + "\", \"message\": \"The platform says it is not theirs\"}")
                .send();
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.text("transferId")).isEqualTo(newTransferId);
        assertThat(events()).as("a replayed request stores nothing").isEqualTo(eventsAfter);

        JsonNode theCase = await().until(() -> read(ids[0], "coordinator"),
                c -> c != null && c.get("transfers").size() == 2);
        JsonNode declined = transfer(theCase, ids[1]);
        JsonNode replacement = transfer(theCase, newTransferId);
        assertThat(declined.get("reroutedTo").asString()).isEqualTo(newTransferId);
        assertThat(replacement.get("reroutedFrom").asString()).isEqualTo(ids[1]);
        assertThat(replacement.get("partnerId").asString()).isEqualTo(HELPLINE);
        assertThat(replacement.get("purpose").asString()).as("the declined transfer's purpose")
                .isEqualTo("CONTENT_REMOVAL");
        assertThat(replacement.get("legalBasis").asString()).isEqualTo("CONSENT");
        assertThat(strings(replacement.get("sharedFields"))).containsExactly("contentUrls");
        assertThat(replacement.get("message").asString()).isEqualTo("The platform says it is not theirs");
        assertThat(theCase.get("status").asString()).isEqualTo("IN_PROGRESS");

        // the helpline's liaison sees its own transfer, not the link to the platform's
        JsonNode shownToHelpline = await().until(() -> get("/api/referrals/" + ids[0]).as("helpline").send(),
                reply -> reply.status() == 200).json();
        assertThat(shownToHelpline.get("transfers")).hasSize(1);
        assertThat(shownToHelpline.get("transfers").get(0).has("reroutedFrom")).isFalse();
        assertThat(shownToHelpline.toString()).doesNotContain(ids[1]);

        assertProblem(post(path).as("coordinator").json("{\"partnerId\": \"" + HELPLINE + "\", "
                + "\"purpose\": \"PSYCHOLOGICAL_SUPPORT\"}").send(), 409, "TRANSFER_ALREADY_REROUTED");
    }

    @Test
    void a_transfer_still_under_way_is_not_rerouted_and_the_gate_still_applies() {
        String[] open = fixtures().requested();
        long before = events();
        assertProblem(post("/api/referrals/" + open[0] + "/transfers/" + open[1] + "/reroute").as("coordinator")
                .json("{\"partnerId\": \"" + HELPLINE + "\"}").send(), 409, "TRANSFER_NOT_REROUTABLE");

        String[] declined = fixtures().declined();
        String path = "/api/referrals/" + declined[0] + "/transfers/" + declined[1] + "/reroute";
        assertProblem(post(path).as("coordinator").json("{\"partnerId\": \"demo-police-minors\"}").send(), 409,
                "AGREEMENT_PURPOSE_NOT_COVERED");
        assertProblem(post(path).as("coordinator").json("{\"partnerId\": \"no-such-partner\"}").send(), 404,
                "PARTNER_NOT_FOUND");
        long afterFixtures = events();
        assertProblem(post(path).as("coordinator").json("{\"purpose\": \"CONTENT_REMOVAL\"}").send(), 400,
                "INVALID_INPUT");
        assertProblem(post(path).as("coordinator").json("{\"partnerId\": \"" + HELPLINE + "\", "
                + "\"sharedFields\": [\"shoeSize\"]}").send(), 400, "MALFORMED_REQUEST");
        assertProblem(post("/api/referrals/" + declined[0] + "/transfers/unknown-transfer/reroute").as("coordinator")
                .json("{\"partnerId\": \"" + HELPLINE + "\"}").send(), 404, "TRANSFER_NOT_FOUND");
        assertThat(events()).as("refusals store nothing").isEqualTo(afterFixtures);
        assertThat(afterFixtures).isGreaterThan(before);
    }

    // duplicates

    @Test
    void a_repeat_call_is_closed_as_a_duplicate_of_the_first_case_and_both_show_the_link() {
        String first = fixtures().triaged();
        String reference = await().until(() -> read(first, "coordinator"), c -> c != null).get("reference")
                .asString();
        String second = fixtures().received();

        HttpCall.Reply closed = post("/api/referrals/" + second + "/closure").as("coordinator")
                .json("{\"outcome\": \"DUPLICATE\", \"duplicateOf\": \"" + reference.substring(2).toLowerCase()
                        + "\"}").send();
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);

        JsonNode duplicate = await().until(() -> read(second, "coordinator"),
                c -> c != null && "CLOSED".equals(c.get("status").asString()));
        assertThat(duplicate.get("closureOutcome").asString()).isEqualTo("DUPLICATE");
        assertThat(duplicate.get("duplicateOf").get("referralId").asString()).isEqualTo(first);
        assertThat(duplicate.get("duplicateOf").get("reference").asString()).isEqualTo(reference);
        JsonNode original = await().until(() -> read(first, "auditor"),
                c -> c != null && c.get("duplicates").size() == 1);
        assertThat(original.get("duplicates").get(0).get("referralId").asString()).isEqualTo(second);

        // reopened, the second case no longer repeats the first
        Fixtures.ok(post("/api/referrals/" + second + "/reopening").as("coordinator")
                .json("{\"reason\": \"Another incident after all\"}").send(), 200);
        await().untilAsserted(() -> assertThat(read(first, "coordinator").get("duplicates")).isEmpty());
        assertThat(read(second, "coordinator").has("duplicateOf")).isFalse();
    }

    @Test
    void a_duplicate_names_an_existing_other_case_whose_data_was_not_erased() {
        String theCase = fixtures().received();
        String erased = fixtures().received();
        Fixtures.ok(post("/api/referrals/" + erased + "/erasure").as("admin")
                .json("{\"reason\": \"Data-subject request\"}").send(), 200);
        long before = events();
        String closure = "/api/referrals/" + theCase + "/closure";

        assertProblem(post(closure).as("coordinator").json("{\"outcome\": \"DUPLICATE\"}").send(), 400,
                "DUPLICATE_OF_REQUIRED");
        assertProblem(post(closure).as("coordinator").json("{\"outcome\": \"DUPLICATE\", \"duplicateOf\": "
                + "\"R-1999-000001\"}").send(), 409, "DUPLICATE_OF_UNKNOWN");
        assertProblem(post(closure).as("coordinator").json("{\"outcome\": \"DUPLICATE\", \"duplicateOf\": \""
                + theCase + "\"}").send(), 409, "DUPLICATE_OF_ITSELF");
        assertProblem(post(closure).as("coordinator").json("{\"outcome\": \"DUPLICATE\", \"duplicateOf\": \""
                + erased + "\"}").send(), 409, "DUPLICATE_OF_ERASED");
        assertProblem(post(closure).as("coordinator").json("{\"outcome\": \"RESOLVED\", \"duplicateOf\": \""
                + erased + "\"}").send(), 400, "INVALID_INPUT");
        assertProblem(post(closure).as("coordinator").json("{\"outcome\": \"DUPLICATE\", \"duplicateOf\": "
                + "\"<script>\"}").send(), 400, "INVALID_INPUT");
        assertThat(events()).isEqualTo(before);
    }

    // outcomes after closure

    @Test
    void the_platform_reports_its_removal_after_the_case_closed_and_it_is_counted() {
        long removalsBefore = get("/api/dashboard").as("coordinator").send().json().get("timeToContentRemoval")
                .get("count").asLong();
        String[] ids = fixtures().accepted();
        Fixtures.ok(post("/api/referrals/" + ids[0] + "/closure").as("coordinator")
                .json("{\"outcome\": \"REFERRED\"}").send(), 200);
        String transferPath = "/api/referrals/" + ids[0] + "/transfers/" + ids[1];
        assertProblem(post(transferPath + "/acknowledgement").as("platform").send(), 409, "REFERRAL_CLOSED");
        assertProblem(post(transferPath + "/acceptance").as("platform").send(), 409, "REFERRAL_CLOSED");

        HttpCall.Reply completed = post(transferPath + "/completion").as("platform")
                .json("{\"outcome\": \"CONTENT_REMOVED\", \"note\": \"Removed within the hour\"}").send();
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);

        JsonNode theCase = await().until(() -> read(ids[0], "coordinator"),
                c -> c != null && "COMPLETED".equals(transfer(c, ids[1]).get("state").asString()));
        assertThat(theCase.get("status").asString()).as("the case stays closed").isEqualTo("CLOSED");
        assertThat(transfer(theCase, ids[1]).get("outcome").asString()).isEqualTo("CONTENT_REMOVED");
        await().untilAsserted(() -> assertThat(get("/api/dashboard").as("coordinator").send().json()
                .get("timeToContentRemoval").get("count").asLong()).isEqualTo(removalsBefore + 1));
        await().untilAsserted(() -> {
            JsonNode notice = notice(ids[1]);
            assertThat(notice).isNotNull();
            assertThat(notice.get("decision").asString()).isEqualTo("CONTENT_REMOVED");
        });
        await().untilAsserted(() -> assertThat(inboxItem(ids[1]).get("state").asString()).isEqualTo("COMPLETED"));
    }

    // business rules answer 409, the shape of a request 400

    @Test
    void a_reason_a_rule_requires_is_409_and_nothing_is_stored() {
        String partnerId = fixtures().partnerWithAgreement();
        long before = events();
        assertProblem(post("/api/partners/" + partnerId + "/suspension").as("admin").json("{}").send(), 409,
                "REASON_REQUIRED");
        assertProblem(post("/api/partners/" + partnerId + "/termination").as("admin").json("{\"reason\": \" \"}")
                .send(), 409, "REASON_REQUIRED");
        assertThat(events()).isEqualTo(before);

        String[] ids = fixtures().requested();
        String closed = fixtures().closed();
        long afterSetUp = events();
        String transfer = "/api/referrals/" + ids[0] + "/transfers/" + ids[1];
        assertProblem(post(transfer + "/decline").as("platform").json("{\"reason\": \"  \"}").send(), 409,
                "REASON_REQUIRED");
        assertProblem(post(transfer + "/cancellation").as("coordinator").json("{}").send(), 409, "REASON_REQUIRED");
        assertProblem(post("/api/referrals/" + closed + "/reopening").as("coordinator").json("{\"reason\": \"\"}")
                .send(), 409, "REASON_REQUIRED");
        assertThat(events()).isEqualTo(afterSetUp);
    }

    @Test
    void a_stale_version_is_409_for_a_reroute_too() {
        String[] ids = fixtures().declined();
        assertProblem(post("/api/referrals/" + ids[0] + "/transfers/" + ids[1] + "/reroute").as("coordinator")
                .header("If-Match", "\"2\"").json("{\"partnerId\": \"" + HELPLINE + "\"}").send(), 409,
                "VERSION_CONFLICT");
    }

    @Test
    void completion_rules_broken_answer_409() {
        String[] ids = fixtures().accepted();
        String completion = "/api/referrals/" + ids[0] + "/transfers/" + ids[1] + "/completion";
        assertProblem(post(completion).as("platform").json("{\"outcome\": \"REFUSED\"}").send(), 409,
                "STATEMENT_OF_REASONS_REQUIRED");
        assertProblem(post(completion).as("platform").json("{\"outcome\": \"SUPPORT_PROVIDED\"}").send(), 409,
                "OUTCOME_NOT_ALLOWED_FOR_PURPOSE");
        assertProblem(post(completion).as("platform").json("{\"outcome\": \"MAYBE\"}").send(), 400,
                "MALFORMED_REQUEST");
    }

    // reopening

    @Test
    void a_reopened_case_goes_back_to_the_status_its_triage_and_transfers_give() {
        String notTriaged = fixtures().received();
        close(notTriaged, "UNREACHABLE");
        String[] accepted = fixtures().accepted();
        close(accepted[0], "REFERRED");
        String triaged = fixtures().triaged();
        close(triaged, "RESOLVED");

        for (String id : List.of(notTriaged, accepted[0], triaged)) {
            Fixtures.ok(post("/api/referrals/" + id + "/reopening").as("coordinator")
                    .json("{\"reason\": \"The caller rang again\"}").send(), 200);
        }
        await().untilAsserted(() -> {
            assertThat(status(notTriaged)).isEqualTo("RECEIVED");
            assertThat(status(accepted[0])).isEqualTo("IN_PROGRESS");
            assertThat(status(triaged)).isEqualTo("TRIAGED");
            assertThat(listed("RECEIVED")).contains(notTriaged).doesNotContain(accepted[0], triaged);
            assertThat(listed("IN_PROGRESS")).contains(accepted[0]).doesNotContain(notTriaged, triaged);
            assertThat(listed("TRIAGED")).contains(triaged).doesNotContain(notTriaged, accepted[0]);
        });
    }

    private void close(String referralId, String outcome) {
        Fixtures.ok(post("/api/referrals/" + referralId + "/closure").as("coordinator")
                .json("{\"outcome\": \"" + outcome + "\"}").send(), 200);
    }

    private String listed(String status) {
        return get("/api/referrals?status=" + status + "&size=200&sort=-receivedAt").as("coordinator").send()
                .body();
    }

    /** The case's status as a coordinator reads it, or the HTTP status while it cannot be read yet. */
    private String status(String referralId) {
        JsonNode theCase = read(referralId, "coordinator");
        return theCase == null ? "not readable yet" : theCase.get("status").asString();
    }

    private JsonNode read(String referralId, String user) {
        HttpCall.Reply reply = get("/api/referrals/" + referralId).as(user).send();
        return reply.status() == 200 ? reply.json() : null;
    }

    private static JsonNode transfer(JsonNode theCase, String transferId) {
        for (JsonNode transfer : theCase.get("transfers")) {
            if (transfer.get("transferId").asString().equals(transferId)) {
                return transfer;
            }
        }
        throw new AssertionError("no transfer " + transferId + " in " + theCase);
    }

    private JsonNode notice(String transferId) {
        for (JsonNode notice : get("/api/audit/exports/trusted-flagger-notices").as("auditor").send().json()) {
            if (notice.get("transferId").asString().equals(transferId)) {
                return notice;
            }
        }
        return null;
    }

    /** Pages through the platform's completed transfers, which other tests add to. */
    private JsonNode inboxItem(String transferId) {
        for (int page = 0; ; page++) {
            JsonNode items = get("/api/partners/" + Fixtures.PLATFORM + "/inbox?state=COMPLETED&size=200&page="
                    + page).as("platform").send().json().get("items");
            if (items.isEmpty()) {
                throw new AssertionError("no transfer " + transferId + " in the inbox");
            }
            for (JsonNode item : items) {
                if (item.get("transferId").asString().equals(transferId)) {
                    return item;
                }
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
