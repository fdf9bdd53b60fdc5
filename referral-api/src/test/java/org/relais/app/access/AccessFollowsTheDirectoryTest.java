package org.relais.app.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.app.support.HttpCall;
import org.relais.app.support.PersonalData;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A liaison's access follows the partner directory and the transfers, through the real wiring: each test registers
 * a partner of its own, attaches two liaisons (configured users who claim that partner: {@code alice-N} and
 * {@code bob-N} for the N-th partner), hands it a consented case, and then changes one thing: a detachment, a
 * suspension, a termination, a withdrawn consent, a completion that ages past
 * {@code relais.access.after-completion}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class AccessFollowsTheDirectoryTest {

    private static final List<String> STAFF = List.of("coordinator:COORDINATOR", "admin:ADMIN", "auditor:AUDITOR");
    private static final String TRANSFER = """
            {"partnerId": "%s", "purpose": "PSYCHOLOGICAL_SUPPORT", "legalBasis": "%s",
             "sharedFields": ["narrative"], "message": "%s"}""";
    private static final String AGREEMENT = """
            {"signedOn": "%s", "inForceFrom": "%s", "inForceUntil": null,
             "categories": ["CYBERHARASSMENT"], "purposes": ["PSYCHOLOGICAL_SUPPORT"],
             "shareableFields": ["narrative"], "acknowledgementSla": "P1D",
             "serviceHours": {"zoneId": "Europe/Paris", "alwaysOpen": true, "periods": []}}""";

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final int PARTNERS = 16;
    private static final AtomicInteger NEXT = new AtomicInteger();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("access-directory").toString());
        registry.add("relais.access.after-completion", () -> "PT3S");
        BCryptPasswordEncoder cheap = new BCryptPasswordEncoder(4);
        int i = 0;
        for (String user : STAFF) {
            String[] parts = user.split(":");
            registry.add("relais.security.users[" + i + "].username", () -> parts[0]);
            registry.add("relais.security.users[" + i + "].role", () -> parts[1]);
            registry.add("relais.security.users[" + i + "].password-hash", () -> cheap.encode(parts[0]));
            i++;
        }
        for (int n = 0; n < PARTNERS; n++) {
            for (String name : List.of("alice-" + n, "bob-" + n)) {
                int index = i++;
                String partner = partnerId(n);
                registry.add("relais.security.users[" + index + "].username", () -> name);
                registry.add("relais.security.users[" + index + "].role", () -> "LIAISON");
                registry.add("relais.security.users[" + index + "].partner", () -> partner);
                registry.add("relais.security.users[" + index + "].password-hash", () -> cheap.encode(name));
            }
        }
    }

    private static String partnerId(int n) {
        return "access-" + RUN + "-" + n;
    }

    @LocalServerPort
    int port;

    private String partnerId;
    private String alice;
    private String bob;
    private String referralId;
    private String transferId;

    @BeforeEach
    void aPartnerOfItsOwnWithAConsentedCase() {
        int n = NEXT.getAndIncrement();
        partnerId = partnerId(n);
        alice = "alice-" + n;
        bob = "bob-" + n;
        ok(post("/api/partners", "admin", "{\"partnerId\": \"" + partnerId + "\", \"name\": \"Association "
                + n + "\", \"kind\": \"VICTIM_SUPPORT_ASSOCIATION\"}"), 201);
        ok(post("/api/partners/" + partnerId + "/agreement", "admin", AGREEMENT.formatted(today().minusDays(1),
                today().minusDays(1))), 200);
        for (String liaison : List.of(alice, bob)) {
            ok(post("/api/partners/" + partnerId + "/liaisons", "admin", "{\"username\": \"" + liaison + "\"}"),
                    200);
        }
        referralId = ok(post("/api/referrals", "coordinator", PersonalData.intake()), 201).text("referralId");
        ok(post("/api/referrals/" + referralId + "/triage", "coordinator", "{\"riskLevel\": \"HIGH\"}"), 200);
        ok(post("/api/referrals/" + referralId + "/consent", "coordinator", "{\"givenBy\": \"the mother\"}"), 200);
        transferId = ok(post("/api/referrals/" + referralId + "/transfers", "coordinator",
                TRANSFER.formatted(partnerId, "CONSENT", PersonalData.FREE_TEXT)), 201).text("transferId");
        await().atMost(Duration.ofSeconds(10)).until(() -> detail(alice).status() == 200);
        assertThat(detail(alice).json().get("narrative").asString()).isEqualTo(PersonalData.NARRATIVE);
    }

    @Test
    void a_detached_liaison_no_longer_reads_or_answers_the_partners_transfers_and_the_others_still_do() {
        ok(post("/api/partners/" + partnerId + "/liaisons/" + alice + "/detachment", "admin", null), 200);

        assertThat(detail(alice).status()).isEqualTo(404);
        assertThat(inbox(alice).status()).isEqualTo(403);
        assertThat(post(transferPath("acknowledgement"), alice, null).status()).isEqualTo(404);
        assertThat(detail(bob).json().get("narrative").asString()).isEqualTo(PersonalData.NARRATIVE);
        assertThat(inbox(bob).status()).isEqualTo(200);
        ok(post(transferPath("acknowledgement"), bob, null), 200);
    }

    @Test
    void a_suspended_partners_liaisons_keep_their_inbox_without_personal_data_until_resumption() {
        ok(post("/api/partners/" + partnerId + "/suspension", "admin", "{\"reason\": \"Audit\"}"), 200);

        HttpCall.Reply suspended = detail(alice);
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.body()).doesNotContain(PersonalData.NARRATIVE).doesNotContain(PersonalData.FREE_TEXT);
        assertThat(suspended.json().get("transfers").get(0).get("state").asString()).isEqualTo("REQUESTED");
        assertThat(inbox(alice).status()).isEqualTo(200);
        ok(post(transferPath("acknowledgement"), alice, null), 200);
        assertProblem(post(transferPath("acceptance"), alice, null), 409, "PARTNER_NOT_ACTIVE");

        ok(post("/api/partners/" + partnerId + "/resumption", "admin", "{}"), 200);

        assertThat(detail(alice).json().get("narrative").asString()).isEqualTo(PersonalData.NARRATIVE);
    }

    @Test
    void a_terminated_partners_transfers_are_out_of_reach() {
        ok(post("/api/partners/" + partnerId + "/termination", "admin", "{\"reason\": \"Dissolved\"}"), 200);

        assertThat(detail(alice).status()).isEqualTo(404);
        assertThat(inbox(alice).status()).isEqualTo(403);
        assertThat(post(transferPath("acknowledgement"), alice, null).status()).isEqualTo(404);
    }

    @Test
    void withdrawn_consent_ends_the_partners_access_at_once_and_says_so_to_both_sides() {
        ok(post("/api/referrals/" + referralId + "/consent/withdrawal", "coordinator",
                "{\"givenBy\": \"the mother\"}"), 200);

        HttpCall.Reply liaison = detail(alice);
        assertThat(liaison.status()).isEqualTo(200);
        assertThat(liaison.body()).doesNotContain(PersonalData.NARRATIVE).doesNotContain(PersonalData.FREE_TEXT);
        assertThat(liaison.json().get("transfers").get(0).get("consentWithdrawn").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> HttpCall.get(port, "/ui/cases/" + referralId).as(alice)
                .send().body().contains("consent-withdrawn"));
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox(alice).json().get("items").get(0)
                .get("consentWithdrawn").asBoolean());
        assertThat(HttpCall.get(port, "/ui/inbox").as(alice).send().body()).contains("consent-withdrawn");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(detail("coordinator").json()
                .get("transfers").get(0).get("consentWithdrawn").asBoolean()).isTrue());
    }

    @Test
    void consent_is_withdrawn_on_a_closed_case_too() {
        ok(post(transferPath("acknowledgement"), alice, null), 200);
        ok(post(transferPath("acceptance"), alice, null), 200);
        ok(post("/api/referrals/" + referralId + "/closure", "coordinator", "{\"outcome\": \"REFERRED\"}"), 200);

        ok(post("/api/referrals/" + referralId + "/consent/withdrawal", "coordinator",
                "{\"givenBy\": \"the victim, now an adult\"}"), 200);

        await().atMost(Duration.ofSeconds(10)).until(() -> detail(alice).json().get("transfers").get(0)
                .get("consentWithdrawn").asBoolean());
        assertThat(detail(alice).body()).doesNotContain(PersonalData.NARRATIVE);
    }

    @Test
    void a_completed_transfer_opens_the_case_only_for_the_time_after_completion() {
        ok(post(transferPath("acknowledgement"), alice, null), 200);
        ok(post(transferPath("acceptance"), alice, null), 200);
        ok(post(transferPath("completion"), alice, "{\"outcome\": \"SUPPORT_PROVIDED\"}"), 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "COMPLETED".equals(detail(alice).json()
                .get("transfers").get(0).get("state").asString()));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpCall.Reply reply = detail(alice);
            return reply.status() == 200 && !reply.body().contains(PersonalData.NARRATIVE);
        });
        JsonNode transfer = detail(alice).json().get("transfers").get(0);
        assertThat(transfer.get("state").asString()).isEqualTo("COMPLETED");
        assertThat(transfer.get("outcome").asString()).isEqualTo("SUPPORT_PROVIDED");
        assertThat(transfer.has("message")).as("the transfer's texts close with it").isFalse();
    }

    @Test
    void a_partner_writes_in_the_transfers_conversation_only_while_the_transfer_opens_the_case_to_it() {
        String messages = transferPath("messages");
        ok(post(messages, alice, "{\"text\": \"Nous prenons contact\"}"), 201);
        ok(post("/api/partners/" + partnerId + "/suspension", "admin", "{\"reason\": \"Audit\"}"), 200);
        assertProblem(post(messages, alice, "{\"text\": \"encore là\"}"), 409, "PARTNER_NOT_ACTIVE");
        ok(post("/api/partners/" + partnerId + "/resumption", "admin", "{}"), 200);

        ok(post(transferPath("acknowledgement"), alice, null), 200);
        ok(post(transferPath("acceptance"), alice, null), 200);
        ok(post(transferPath("completion"), alice, "{\"outcome\": \"SUPPORT_PROVIDED\"}"), 200);
        ok(post(messages, bob, "{\"text\": \"Suivi terminé\"}"), 201);

        // past relais.access.after-completion (3 s here) the partner has lost the case, and its conversation
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpCall.Reply reply = detail(alice);
            return reply.status() == 200 && !reply.body().contains(PersonalData.NARRATIVE);
        });
        assertProblem(post(messages, alice, "{\"text\": \"une dernière chose\"}"), 409, "TRANSFER_STATE_INVALID");
        assertThat(detail(alice).json().get("transfers").get(0).has("messages")).isFalse();
        assertProblem(post(messages, "coordinator", "{\"text\": \"Merci\"}"), 409, "TRANSFER_STATE_INVALID");
    }

    @Test
    void a_declined_transfer_keeps_its_reference_and_states_but_opens_nothing() {
        ok(post(transferPath("decline"), alice, "{\"reason\": \"No capacity this month\"}"), 200);

        await().atMost(Duration.ofSeconds(10)).until(() -> "DECLINED".equals(detail(alice).json()
                .get("transfers").get(0).get("state").asString()));
        HttpCall.Reply reply = detail(alice);
        assertThat(reply.body()).doesNotContain(PersonalData.NARRATIVE).doesNotContain(PersonalData.FREE_TEXT);
        assertThat(reply.json().get("reference").asString()).startsWith("R-");
    }

    /** What a read path shows a caller: nothing of the case, its reference and states only, or its shared data. */
    enum Shown { HIDDEN, STATES_ONLY, CASE_DATA }

    /** The liaison's standing when it reads, each brought about by one command of the real wiring. */
    enum Standing { ATTACHED, DETACHED, SUSPENDED, TERMINATED, CONSENT_WITHDRAWN, COMPLETED_LONG_AGO, DECLINED }

    /**
     * Every read path a liaison's data goes through, for every standing: the API's case and inbox, the web UI's
     * case page and inbox, and the history an auditor replays "as shown to" the partner (which follows the partner,
     * not one of its liaisons). One row per standing; a fresh partner and case for each.
     */
    @Test
    void every_read_path_follows_the_liaisons_standing() {
        Map<Standing, List<Shown>> expected = new EnumMap<>(Standing.class);
        List<Shown> open = List.of(Shown.CASE_DATA, Shown.STATES_ONLY, Shown.CASE_DATA, Shown.STATES_ONLY,
                Shown.CASE_DATA);
        List<Shown> statesOnly = List.of(Shown.STATES_ONLY, Shown.STATES_ONLY, Shown.STATES_ONLY, Shown.STATES_ONLY,
                Shown.STATES_ONLY);
        expected.put(Standing.ATTACHED, open);
        expected.put(Standing.DETACHED, List.of(Shown.HIDDEN, Shown.HIDDEN, Shown.HIDDEN, Shown.HIDDEN,
                Shown.CASE_DATA));
        expected.put(Standing.SUSPENDED, statesOnly);
        expected.put(Standing.TERMINATED, List.of(Shown.HIDDEN, Shown.HIDDEN, Shown.HIDDEN, Shown.HIDDEN,
                Shown.HIDDEN));
        expected.put(Standing.CONSENT_WITHDRAWN, statesOnly);
        expected.put(Standing.COMPLETED_LONG_AGO, statesOnly);
        expected.put(Standing.DECLINED, statesOnly);

        Map<Standing, List<Shown>> actual = new EnumMap<>(Standing.class);
        for (Standing standing : Standing.values()) {
            if (standing != Standing.ATTACHED) {
                aPartnerOfItsOwnWithAConsentedCase();
            }
            bringAbout(standing);
            Instant asOf = Instant.now();
            actual.put(standing, List.of(
                    shown(detail(alice)),
                    shown(inbox(alice)),
                    shown(HttpCall.get(port, "/ui/cases/" + referralId).as(alice).send()),
                    shown(HttpCall.get(port, "/ui/inbox").as(alice).send()),
                    shown(HttpCall.get(port, "/api/referrals/" + referralId + "/history?asOf=" + asOf
                            + "&partnerId=" + partnerId).as("auditor").send())));
        }

        assertThat(actual).as("detail, inbox, UI case page, UI inbox, history as shown to the partner")
                .isEqualTo(expected);
    }

    private void bringAbout(Standing standing) {
        switch (standing) {
            case ATTACHED -> { }
            case DETACHED -> ok(post("/api/partners/" + partnerId + "/liaisons/" + alice + "/detachment", "admin",
                    null), 200);
            case SUSPENDED -> ok(post("/api/partners/" + partnerId + "/suspension", "admin",
                    "{\"reason\": \"Audit\"}"), 200);
            case TERMINATED -> ok(post("/api/partners/" + partnerId + "/termination", "admin",
                    "{\"reason\": \"Dissolved\"}"), 200);
            case CONSENT_WITHDRAWN -> ok(post("/api/referrals/" + referralId + "/consent/withdrawal", "coordinator",
                    "{\"givenBy\": \"the mother\"}"), 200);
            case COMPLETED_LONG_AGO -> {
                ok(post(transferPath("acknowledgement"), alice, null), 200);
                ok(post(transferPath("acceptance"), alice, null), 200);
                ok(post(transferPath("completion"), alice, "{\"outcome\": \"SUPPORT_PROVIDED\"}"), 200);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                        .until(() -> shown(detail(alice)) == Shown.STATES_ONLY);
            }
            case DECLINED -> ok(post(transferPath("decline"), alice, "{\"reason\": \"No capacity\"}"), 200);
        }
        // the pages are drawn from read models: wait until they show the change, then judge what they open
        await().atMost(Duration.ofSeconds(10)).until(() -> !inReadModel(standing));
    }

    /** Whether the case page's read model still lags the change (the decisions themselves never lag). */
    private boolean inReadModel(Standing standing) {
        JsonNode transfer = detail("coordinator").json().get("transfers").get(0);
        return switch (standing) {
            case CONSENT_WITHDRAWN -> !transfer.get("consentWithdrawn").asBoolean();
            case COMPLETED_LONG_AGO -> !"COMPLETED".equals(transfer.get("state").asString());
            case DECLINED -> !"DECLINED".equals(transfer.get("state").asString());
            default -> false;
        };
    }

    private static Shown shown(HttpCall.Reply reply) {
        if (reply.status() == 404 || reply.status() == 403) {
            return Shown.HIDDEN;
        }
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        // the narrative and the transfer's message both name the aggressor: neither may show without the other
        if (!reply.body().contains("Vrancq")) {
            return Shown.STATES_ONLY;
        }
        assertThat(reply.body()).as("a free text shown only with the shared data").contains(PersonalData.NARRATIVE);
        return Shown.CASE_DATA;
    }

    private String transferPath(String step) {
        return "/api/referrals/" + referralId + "/transfers/" + transferId + "/" + step;
    }

    private HttpCall.Reply detail(String user) {
        return HttpCall.get(port, "/api/referrals/" + referralId).as(user).send();
    }

    private HttpCall.Reply inbox(String user) {
        return HttpCall.get(port, "/api/partners/" + partnerId + "/inbox").as(user).send();
    }

    private HttpCall.Reply post(String path, String user, String json) {
        HttpCall call = HttpCall.post(port, path).as(user);
        return json == null ? call.send() : call.json(json).send();
    }

    private static HttpCall.Reply ok(HttpCall.Reply reply, int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        return reply;
    }

    private static void assertProblem(HttpCall.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.text("code")).as(reply.toString()).isEqualTo(code);
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Paris"));
    }
}
