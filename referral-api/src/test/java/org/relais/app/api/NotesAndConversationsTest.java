package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.relais.app.support.HttpCall;

import tools.jackson.databind.JsonNode;

/**
 * Internal notes and the conversation of a transfer, through the real buses, event store and read side: who writes,
 * who is shown what, how reads are recorded and how "unread" follows from those records.
 */
class NotesAndConversationsTest extends ApiTestBase {

    private static final String NOTE = "Mère rappelée, préfère être jointe le matin";
    private static final String QUESTION = "Pouvez-vous confirmer le retrait avant vendredi ?";
    private static final String ANSWER = "Contenu signalé à l'équipe juridique";

    @Test
    void a_note_is_shown_to_coordinators_and_auditors_never_to_the_partner_and_its_reading_is_recorded() {
        String[] ids = fixtures().requested();
        HttpCall.Reply added = post("/api/referrals/" + ids[0] + "/notes").as("coordinator")
                .json("{\"text\": \"" + NOTE + "\"}").send();
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.text("noteId")).isNotBlank();
        assertThat(added.body()).doesNotContain(NOTE);

        await().untilAsserted(() -> assertThat(get("/api/referrals/" + ids[0]).as("coordinator").send().json()
                .get("notes")).hasSize(1));
        JsonNode note = get("/api/referrals/" + ids[0]).as("auditor").send().json().get("notes").get(0);
        assertThat(note.get("text").asString()).isEqualTo(NOTE);
        assertThat(note.get("author").asString()).isEqualTo("coordinator");

        await().until(() -> get("/api/referrals/" + ids[0]).as("platform").send().status() == 200);
        HttpCall.Reply partner = get("/api/referrals/" + ids[0]).as("platform").send();
        assertThat(partner.json().has("notes")).isFalse();
        assertThat(partner.body()).doesNotContain(NOTE, added.text("noteId"));

        await().untilAsserted(() -> {
            String trail = get("/api/audit?referralId=" + ids[0]).as("auditor").send().body();
            assertThat(trail).contains("Internal note " + added.text("noteId") + " written").doesNotContain(NOTE);
            assertThat(get("/api/audit/access?referralId=" + ids[0] + "&actor=auditor").as("auditor").send()
                    .body()).contains("referral.note");
        });
    }

    @Test
    void a_note_may_follow_a_closed_case_but_not_be_blank_nor_written_by_a_partner_nor_on_an_erased_case() {
        String closed = fixtures().closed();
        assertThat(post("/api/referrals/" + closed + "/notes").as("coordinator").json("{\"text\": \"rappel\"}")
                .send().status()).isEqualTo(201);
        long before = events();
        assertProblem(post("/api/referrals/" + closed + "/notes").as("coordinator").json("{\"text\": \"  \"}")
                .send(), 400, "INVALID_INPUT");
        assertProblem(post("/api/referrals/" + closed + "/notes").as("platform").json("{\"text\": \"x\"}").send(),
                403, "FORBIDDEN");
        assertThat(post("/api/referrals/" + closed + "/erasure").as("admin").send().status()).isEqualTo(200);
        before = events();
        assertProblem(post("/api/referrals/" + closed + "/notes").as("coordinator").json("{\"text\": \"x\"}")
                .send(), 409, "REFERRAL_ERASED");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void both_sides_write_in_order_and_each_side_counts_what_it_has_not_been_shown() {
        String[] ids = fixtures().requested();
        String messages = "/api/referrals/" + ids[0] + "/transfers/" + ids[1] + "/messages";
        HttpCall.Reply question = post(messages).as("coordinator").json("{\"text\": \"" + QUESTION + "\"}").send();
        assertThat(question.status()).as(question.toString()).isEqualTo(201);
        String questionId = question.text("messageId");

        // the partner's inbox counts the coordination's message until a liaison was shown it
        await().untilAsserted(() -> assertThat(inboxItem(ids[1]).get("unreadMessages").asInt()).isEqualTo(1));
        await().untilAsserted(() -> assertThat(transferSeenBy("platform", ids).get("messages")).hasSize(1));
        await().untilAsserted(() -> assertThat(inboxItem(ids[1]).get("unreadMessages").asInt()).isZero());

        HttpCall.Reply answer = post(messages).as("platform").json("{\"text\": \"" + ANSWER + "\"}").send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);

        await().untilAsserted(() -> assertThat(transferSeenBy("auditor", ids).get("messages")).hasSize(2));
        JsonNode byCoordinator = transferSeenBy("coordinator", ids);
        assertThat(byCoordinator.get("unreadMessages").asInt()).isEqualTo(1);
        JsonNode thread = byCoordinator.get("messages");
        assertThat(thread.get(0).get("text").asString()).isEqualTo(QUESTION);
        assertThat(thread.get(0).get("side").asString()).isEqualTo("COORDINATION");
        assertThat(thread.get(1).get("text").asString()).isEqualTo(ANSWER);
        assertThat(thread.get(1).get("side").asString()).isEqualTo("PARTNER");
        assertThat(thread.get(1).get("author").asString()).isEqualTo("platform");
        await().untilAsserted(() -> assertThat(transferSeenBy("coordinator", ids).get("unreadMessages").asInt())
                .isZero());

        JsonNode liaisonsThread = transferSeenBy("platform", ids).get("messages");
        assertThat(liaisonsThread).hasSize(2);
        assertThat(liaisonsThread.get(0).has("author")).isFalse();
        await().untilAsserted(() -> assertThat(get("/api/audit/access?referralId=" + ids[0] + "&actor=platform")
                .as("auditor").send().body()).contains("transfer.conversationMessage:" + ids[1] + "/" + questionId));
    }

    @Test
    void only_the_addressed_partner_writes_and_only_while_it_has_the_case() {
        String[] ids = fixtures().requested();
        String messages = "/api/referrals/" + ids[0] + "/transfers/" + ids[1] + "/messages";
        long before = events();
        assertProblem(post(messages).as("police").json("{\"text\": \"hello\"}").send(), 404, "NOT_FOUND");
        assertProblem(post(messages).as("auditor").json("{\"text\": \"hello\"}").send(), 403, "FORBIDDEN");
        assertProblem(post(messages).as("coordinator").json("{\"text\": \"\"}").send(), 400, "INVALID_INPUT");
        assertThat(events()).isEqualTo(before);

        fixtures().liaison(ids, "decline", "{\"reason\": \"hors périmètre\"}");
        assertProblem(post(messages).as("platform").json("{\"text\": \"why?\"}").send(), 409,
                "TRANSFER_STATE_INVALID");
        assertProblem(post(messages).as("coordinator").json("{\"text\": \"why?\"}").send(), 409,
                "TRANSFER_STATE_INVALID");
    }

    @Test
    void a_message_replayed_with_the_same_idempotency_key_is_stored_once_and_a_stale_version_is_refused() {
        String[] ids = fixtures().requested();
        String messages = "/api/referrals/" + ids[0] + "/transfers/" + ids[1] + "/messages";
        HttpCall.Reply first = sentTwiceWithOneKey(() -> post(messages).as("coordinator")
                .json("{\"text\": \"once\"}"), "talk-1");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.text("messageId")).isNotBlank();
        assertStaleVersionRefused(post(messages).as("coordinator").json("{\"text\": \"stale\"}"), "1");
    }

    @Test
    void a_note_replayed_with_the_same_idempotency_key_is_stored_once_and_a_stale_version_is_refused() {
        String referralId = fixtures().triaged();
        String notes = "/api/referrals/" + referralId + "/notes";
        HttpCall.Reply first = sentTwiceWithOneKey(() -> post(notes).as("coordinator")
                .header("If-Match", "\"1\"").json("{\"text\": \"" + NOTE + "\"}"), "note-1");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("version").asLong()).isEqualTo(2);
        assertThat(first.header("ETag")).hasValue("\"2\"");

        assertStaleVersionRefused(post(notes).as("coordinator").json("{\"text\": \"stale\"}"), "\"1\"");
        await().untilAsserted(() -> assertThat(get("/api/referrals/" + referralId).as("coordinator").send().json()
                .get("notes")).as("the replay and the stale note added nothing").hasSize(1));
    }

    private JsonNode transferSeenBy(String user, String[] ids) {
        HttpCall.Reply reply = get("/api/referrals/" + ids[0]).as(user).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        for (JsonNode transfer : reply.json().get("transfers")) {
            if (transfer.get("transferId").asString().equals(ids[1])) {
                return transfer;
            }
        }
        throw new AssertionError("transfer not shown");
    }

    private JsonNode inboxItem(String transferId) {
        for (int page = 0; page < 50; page++) {
            JsonNode items = get("/api/partners/" + Fixtures.PLATFORM + "/inbox?size=200&page=" + page)
                    .as("platform").send().json().get("items");
            for (JsonNode item : items) {
                if (item.get("transferId").asString().equals(transferId)) {
                    return item;
                }
            }
            if (items.size() < 200) {
                break;
            }
        }
        throw new AssertionError("not in the inbox yet");
    }
}
