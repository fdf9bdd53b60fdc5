package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import org.relais.app.support.HttpCall;
import org.relais.app.support.PersonalData;

/**
 * Cases and partners brought into a given state over HTTP by the demo users, each step checked. The demo platform
 * receives content-removal transfers with consent (its liaison is {@code platform}); the police liaison is the
 * liaison of another partner.
 */
final class Fixtures {

    static final String PLATFORM = "demo-platform";
    static final String PLATFORM_TRANSFER = """
            {"partnerId": "demo-platform", "purpose": "CONTENT_REMOVAL", "legalBasis": "CONSENT",
             "sharedFields": ["contentUrls"], "message": "%s"}""".formatted(PersonalData.FREE_TEXT);

    private final int port;

    Fixtures(int port) {
        this.port = port;
    }

    /** A backup of the embedded store, taken now: its name. */
    String backup() {
        return ok(HttpCall.post(port, "/api/admin/backups").as("admin").send(), 201).text("name");
    }

    String received() {
        HttpCall.Reply reply = ok(HttpCall.post(port, "/api/referrals").as("coordinator").json(PersonalData.intake())
                .send(), 201);
        return reply.text("referralId");
    }

    String triaged() {
        String referralId = received();
        triage(referralId);
        return referralId;
    }

    void triage(String referralId) {
        ok(HttpCall.post(port, "/api/referrals/" + referralId + "/triage").as("coordinator")
                .json("{\"riskLevel\": \"HIGH\"}").send(), 200);
    }

    String withConsent() {
        String referralId = triaged();
        ok(HttpCall.post(port, "/api/referrals/" + referralId + "/consent").as("coordinator")
                .json("{\"givenBy\": \"" + PersonalData.GUARDIAN + "\"}").send(), 200);
        return referralId;
    }

    /** A case with consent and a content-removal transfer to the demo platform: {referralId, transferId}. */
    String[] requested() {
        String referralId = withConsent();
        HttpCall.Reply reply = ok(HttpCall.post(port, "/api/referrals/" + referralId + "/transfers").as("coordinator")
                .json(PLATFORM_TRANSFER).send(), 201);
        return new String[] {referralId, reply.text("transferId")};
    }

    String[] acknowledged() {
        String[] ids = requested();
        liaison(ids, "acknowledgement", null);
        return ids;
    }

    String[] accepted() {
        String[] ids = acknowledged();
        liaison(ids, "acceptance", null);
        return ids;
    }

    /** A content-removal transfer the demo platform declined: {referralId, transferId}. */
    String[] declined() {
        String[] ids = requested();
        liaison(ids, "decline", "{\"reason\": \"Not hosted by us\"}");
        return ids;
    }

    void liaison(String[] ids, String step, String body) {
        HttpCall call = HttpCall.post(port, "/api/referrals/" + ids[0] + "/transfers/" + ids[1] + "/" + step)
                .as("platform");
        ok(body == null ? call.send() : call.json(body).send(), 200);
    }

    String closed() {
        String referralId = triaged();
        ok(HttpCall.post(port, "/api/referrals/" + referralId + "/closure").as("coordinator")
                .json("{\"outcome\": \"RESOLVED\"}").send(), 200);
        return referralId;
    }

    String partner() {
        String partnerId = "test-" + UUID.randomUUID().toString().substring(0, 18);
        ok(HttpCall.post(port, "/api/partners").as("admin")
                .json("{\"partnerId\": \"" + partnerId + "\", \"name\": \"Association test\", "
                        + "\"kind\": \"VICTIM_SUPPORT_ASSOCIATION\"}").send(), 201);
        return partnerId;
    }

    String partnerWithAgreement() {
        String partnerId = partner();
        ok(HttpCall.post(port, "/api/partners/" + partnerId + "/agreement").as("admin").json(agreement()).send(), 200);
        return partnerId;
    }

    String suspendedPartner() {
        String partnerId = partnerWithAgreement();
        ok(HttpCall.post(port, "/api/partners/" + partnerId + "/suspension").as("admin")
                .json("{\"reason\": \"Review\"}").send(), 200);
        return partnerId;
    }

    String partnerWithLiaison(String username) {
        String partnerId = partner();
        ok(HttpCall.post(port, "/api/partners/" + partnerId + "/liaisons").as("admin")
                .json("{\"username\": \"" + username + "\"}").send(), 200);
        return partnerId;
    }

    static String agreement() {
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/Paris"));
        return """
                {"signedOn": "%s", "inForceFrom": "%s", "inForceUntil": null,
                 "categories": ["CYBERHARASSMENT", "DISCRIMINATION"], "purposes": ["PSYCHOLOGICAL_SUPPORT", "LEGAL_ADVICE"],
                 "shareableFields": ["victim.contact", "narrative"], "acknowledgementSla": "PT8H",
                 "serviceHours": {"zoneId": "Europe/Paris", "alwaysOpen": false,
                   "periods": [{"day": "MONDAY", "from": "09:00", "to": "18:00"},
                               {"day": "FRIDAY", "from": "22:00", "to": "02:00"}]}}
                """.formatted(today.minusDays(1), today.minusDays(1));
    }

    static HttpCall.Reply ok(HttpCall.Reply reply, int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        return reply;
    }
}
