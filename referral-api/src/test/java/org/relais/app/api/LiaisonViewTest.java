package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.relais.app.support.HttpCall;
import org.relais.app.support.PersonalData;

/**
 * What a liaison reads of a case: only a case with a transfer to its partner, only its partner's transfers, and only
 * the personal fields shared in them. Waits for the case-detail projection to fill {@code transfers} (read-model
 * branch): until then every case is invisible to liaisons, which the last test pins.
 */
class LiaisonViewTest extends ApiTestBase {

    @Test
    void the_platform_sees_the_content_urls_only_and_only_its_own_transfer() {
        String[] ids = fixtures().requested();
        HttpCall.Reply police = post("/api/referrals/" + ids[0] + "/transfers").as("coordinator").json("""
                {"partnerId": "demo-police-minors", "purpose": "INVESTIGATION", "legalBasis": "CONSENT",
                 "sharedFields": ["victim.name", "narrative"]}""").send();
        assertThat(police.status()).as(police.toString()).isEqualTo(201);

        // both transfers projected: each liaison sees the case, each with its own transfer only
        await().untilAsserted(() -> assertThat(get("/api/referrals/" + ids[0]).as("police").send().status())
                .isEqualTo(200));
        HttpCall.Reply seen = get("/api/referrals/" + ids[0]).as("platform").send();

        assertThat(seen.json().get("contentUrls").get(0).asString()).isEqualTo("https://social.example/p/123");
        assertThat(seen.body()).doesNotContain(PersonalData.VICTIM_NAME, PersonalData.VICTIM_CONTACT,
                PersonalData.REPORTER_NAME, PersonalData.NARRATIVE, "demo-police-minors", "consentGiven");
        assertThat(seen.json().get("transfers")).hasSize(1);
        assertThat(seen.json().get("transfers").get(0).get("partnerId").asString()).isEqualTo("demo-platform");

        HttpCall.Reply byPolice = get("/api/referrals/" + ids[0]).as("police").send();
        assertThat(byPolice.json().get("victim").get("name").asString()).isEqualTo(PersonalData.VICTIM_NAME);
        assertThat(byPolice.body()).doesNotContain(PersonalData.VICTIM_CONTACT, "social.example");
        assertThat(get("/api/referrals/" + ids[0]).as("association").send().status()).isEqualTo(404);
    }

    @Test
    void liaisons_never_see_the_case_list() {
        for (String liaison : new String[] {"platform", "police", "helpline", "association"}) {
            assertProblem(get("/api/referrals").as(liaison).send(), 403, "FORBIDDEN");
        }
    }

    @Test
    void a_case_without_a_transfer_to_the_liaisons_partner_is_not_found() {
        String referralId = fixtures().received();
        await().until(() -> get("/api/referrals/" + referralId).as("coordinator").send().status() == 200);
        assertProblem(get("/api/referrals/" + referralId).as("platform").send(), 404, "NOT_FOUND");
    }
}
