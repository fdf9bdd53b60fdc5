package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.relais.app.support.HttpCall;
import org.relais.app.support.PersonalData;
import tools.jackson.databind.JsonNode;

/**
 * The case as it stood at an instant has the shape of the case view and follows its access rule: an auditor sees its
 * personal data opened, and what was shown is recorded in the access log under the auditor's name; an erased case
 * says so and shows nothing; no sealed text leaks; an instant before the intake says the case did not exist yet.
 */
class CaseAsOfAnInstantTest extends ApiTestBase {

    @Test
    void the_case_as_of_an_instant_is_the_case_view_opened_and_recorded_like_it() {
        String referralId = fixtures().requested()[0];
        String asOf = Instant.now().plusSeconds(1).toString();
        HttpCall.Reply then = get("/api/referrals/" + referralId + "/history?asOf=" + asOf
                + "&purpose=annual%20review").as("auditor").send();
        assertThat(then.status()).as(then.toString()).isEqualTo(200);
        long version = then.json().get("version").asLong();
        JsonNode now = await().until(() -> get("/api/referrals/" + referralId).as("auditor").send(),
                reply -> reply.status() == 200 && reply.json().get("version").asLong() == version).json();
        assertThat(names(then.json())).isEqualTo(names(now));
        assertThat(then.json().get("victim").get("name").asString()).isEqualTo(PersonalData.VICTIM_NAME);
        assertThat(then.json().get("personalDataErased").asBoolean()).isFalse();
        assertThat(then.body()).doesNotContain("sealedMessage", "sealedReason", "personalData\"", "v1:", "v2:");

        JsonNode record = await().until(() -> get("/api/audit/access?referralId=" + referralId + "&actor=auditor")
                .as("auditor").send().json(), log -> log.get("items").valueStream()
                .anyMatch(item -> "annual review".equals(item.get("purpose").asString())))
                .get("items").valueStream().filter(item -> "annual review".equals(item.get("purpose").asString()))
                .findFirst().orElseThrow();
        assertThat(record.get("fields").valueStream().map(JsonNode::asString).toList())
                .contains("victim.name", "victim.contact", "narrative");
    }

    @Test
    void an_erased_case_as_of_an_instant_is_marked_erased_and_shows_nothing() {
        String referralId = fixtures().received();
        String before = Instant.now().toString();
        HttpCall.Reply erased = post("/api/referrals/" + referralId + "/erasure").as("admin")
                .json("{\"reason\": \"data subject request\"}").send();
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);

        HttpCall.Reply then = get("/api/referrals/" + referralId + "/history?asOf=" + before).as("auditor").send();
        assertThat(then.status()).as(then.toString()).isEqualTo(200);
        assertThat(then.json().get("personalDataErased").asBoolean()).isTrue();
        assertThat(then.body()).doesNotContain(PersonalData.VICTIM_NAME, PersonalData.NARRATIVE);
    }

    @Test
    void an_instant_before_the_intake_says_the_case_did_not_exist_yet() {
        String referralId = fixtures().received();
        HttpCall.Reply before = get("/api/referrals/" + referralId + "/history?asOf=2000-01-01T00:00:00Z")
                .as("auditor").send();
        assertProblem(before, 404, "REFERRAL_NOT_YET_RECEIVED");
        assertThat(before.text("detail")).contains("did not exist yet");
        assertProblem(get("/api/referrals/" + referralId + "/history?asOf=2000-01-01T00:00:00Z&partnerId="
                + Fixtures.PLATFORM).as("auditor").send(), 404, "REFERRAL_NOT_YET_RECEIVED");
        assertProblem(get("/api/referrals/no-such-case/history?asOf=2000-01-01T00:00:00Z").as("auditor").send(),
                404, "NOT_FOUND");
        assertProblem(get("/api/referrals/" + referralId + "/history?asOf=2030-01-01T00:00:00Z").as("coordinator")
                .send(), 403, "FORBIDDEN");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names.stream().sorted().toList();
    }
}
