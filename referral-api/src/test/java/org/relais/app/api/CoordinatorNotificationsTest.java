package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.relais.app.support.HttpCall;
import org.relais.app.support.PersonalData;

import tools.jackson.databind.JsonNode;

/**
 * What coordinators are told about the transfers of their cases, through the real buses, event store and read side:
 * to the assigned coordinator or, while nobody is, to all; no personal data; read marks that a rebuild keeps.
 */
class CoordinatorNotificationsTest extends ApiTestBase {

    @Test
    void a_decline_on_an_unassigned_case_is_told_to_coordinators_without_personal_data_until_marked_read() {
        String[] ids = fixtures().requested();
        fixtures().liaison(ids, "decline", "{\"reason\": \"" + PersonalData.FREE_TEXT + "\"}");

        JsonNode notification = await().until(() -> notificationOf(ids[0], "TRANSFER_DECLINED"), n -> n != null);
        assertThat(notification.get("partnerId").asString()).isEqualTo(Fixtures.PLATFORM);
        assertThat(notification.get("reference").asString()).startsWith("R-");
        assertThat(notification.get("link").asString()).isEqualTo("/ui/cases/" + ids[0]);
        assertThat(get("/api/notifications").as("coordinator").send().body())
                .doesNotContain(PersonalData.FREE_TEXT, PersonalData.VICTIM_NAME, PersonalData.NARRATIVE);

        String id = notification.get("notificationId").asString();
        HttpCall.Reply read = post("/api/notifications/" + id + "/read").as("coordinator").send();
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().get("read").asBoolean()).isTrue();
        await().until(() -> notificationOf(ids[0], "TRANSFER_DECLINED") == null);

        // the mark is an event: a rebuild of the read model derives it again
        assertThat(post("/api/admin/projections/notifications/rebuild").as("admin").send().status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> !get("/api/admin/projections").as("admin").send().body()
                .contains("\"RUNNING\""));
        assertThat(notificationOf(ids[0], "TRANSFER_DECLINED")).isNull();
    }

    @Test
    void a_partners_message_and_a_refusal_are_told_only_to_the_assigned_coordinator() {
        String[] ids = fixtures().accepted();
        assertThat(post("/api/referrals/" + ids[0] + "/assignment").as("coordinator")
                .json("{\"coordinator\": \"coordinator\"}").send().status()).isEqualTo(200);
        assertThat(post("/api/referrals/" + ids[0] + "/transfers/" + ids[1] + "/messages").as("platform")
                .json("{\"text\": \"Nous examinons le contenu\"}").send().status()).isEqualTo(201);
        fixtures().liaison(ids, "completion", "{\"outcome\": \"REFUSED\", \"statementOfReasons\": \"licite\"}");

        await().until(() -> notificationOf(ids[0], "PARTNER_MESSAGE") != null
                && notificationOf(ids[0], "TRANSFER_REFUSED") != null);

        String[] other = fixtures().requested();
        assertThat(post("/api/referrals/" + other[0] + "/assignment").as("coordinator")
                .json("{\"coordinator\": \"someone.else\"}").send().status()).isEqualTo(200);
        assertThat(post("/api/referrals/" + other[0] + "/transfers/" + other[1] + "/messages").as("platform")
                .json("{\"text\": \"bonjour\"}").send().status()).isEqualTo(201);
        fixtures().liaison(other, "decline", "{\"reason\": \"hors périmètre\"}");
        // the read models share one processor: once the case shows the decline, the notifications were written too
        await().until(() -> get("/api/referrals/" + other[0]).as("coordinator").send().body()
                .contains("\"state\":\"DECLINED\""));
        assertThat(notificationOf(other[0], "PARTNER_MESSAGE")).isNull();
        assertThat(notificationOf(other[0], "TRANSFER_DECLINED")).isNull();
    }

    @Test
    void a_completion_is_told_to_the_assigned_coordinator_and_marking_it_read_twice_changes_nothing_more() {
        String[] ids = fixtures().accepted();
        assertThat(post("/api/referrals/" + ids[0] + "/assignment").as("coordinator")
                .json("{\"coordinator\": \"coordinator\"}").send().status()).isEqualTo(200);
        fixtures().liaison(ids, "completion", "{\"outcome\": \"CONTENT_REMOVED\"}");

        JsonNode notification = await().until(() -> notificationOf(ids[0], "TRANSFER_COMPLETED"), n -> n != null);
        assertThat(notification.get("partnerId").asString()).isEqualTo(Fixtures.PLATFORM);
        assertThat(notification.get("transferId").asString()).isEqualTo(ids[1]);
        assertThat(notification.get("read").asBoolean()).isFalse();
        assertThat(notificationOf(ids[0], "TRANSFER_REFUSED")).as("a removal is no refusal").isNull();

        String read = "/api/notifications/" + notification.get("notificationId").asString() + "/read";
        long before = events();
        HttpCall.Reply first = post(read).as("coordinator").send();
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(events()).as("the mark, stored once").isEqualTo(before + 1);
        await().until(() -> notificationOf(ids[0], "TRANSFER_COMPLETED") == null);
        long unread = unread();

        HttpCall.Reply again = post(read).as("coordinator").send();
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(events()).as("a second mark stores nothing").isEqualTo(before + 1);
        assertThat(unread()).isEqualTo(unread);
    }

    @Test
    void a_notification_of_someone_else_or_unknown_is_not_found_and_partners_have_none() {
        assertProblem(post("/api/notifications/no-such-notification/read").as("coordinator").send(), 404,
                "NOT_FOUND");
        assertProblem(get("/api/notifications").as("platform").send(), 403, "FORBIDDEN");
        assertProblem(get("/api/notifications").as("auditor").send(), 403, "FORBIDDEN");
    }

    private long unread() {
        return get("/api/notifications").as("coordinator").send().json().get("unread").asLong();
    }

    private JsonNode notificationOf(String referralId, String kind) {
        for (JsonNode item : get("/api/notifications").as("coordinator").send().json().get("items")) {
            if (item.get("referralId").asString().equals(referralId) && item.get("kind").asString().equals(kind)) {
                return item;
            }
        }
        return null;
    }
}
