package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relais.app.http.idempotency.IdempotencyRecordExpiry;
import org.relais.app.support.HttpCall;
import org.relais.app.support.LogCapture;
import org.relais.app.support.PersonalData;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Idempotency-Key and If-Match: a command repeated with its key is answered as the first time and stores nothing;
 * a key reused for another request is refused; a stale version is refused; the key's record never disagrees
 * with the event store, also when the duplicates race; and an expired key is forgotten.
 */
@ExtendWith(LogCapture.class)
class IdempotencyTest extends ApiTestBase {

    @Autowired
    IdempotencyRecordExpiry expiry;

    @Test
    void a_replayed_intake_gets_the_first_response_and_stores_nothing() {
        String key = UUID.randomUUID().toString();
        HttpCall.Reply first = intake("coordinator", key, PersonalData.intake());
        assertThat(first.status()).isEqualTo(201);
        long before = events();

        HttpCall.Reply again = intake("coordinator", key, PersonalData.intake());

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(again.header("Idempotent-Replayed")).hasValue("true");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void a_replayed_transfer_gets_the_same_transfer_and_deadline() {
        String referralId = fixtures().withConsent();
        String key = UUID.randomUUID().toString();
        HttpCall.Reply first = transfer(referralId, key, Fixtures.PLATFORM_TRANSFER);
        assertThat(first.status()).isEqualTo(201);
        long before = events();

        HttpCall.Reply again = transfer(referralId, key, Fixtures.PLATFORM_TRANSFER);

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.text("transferId")).isEqualTo(first.text("transferId"));
        assertThat(again.text("deadline")).isEqualTo(first.text("deadline"));
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void the_record_keeps_a_keyed_fingerprint_that_nobody_can_recompute_from_a_guessed_body() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = PersonalData.intake();
        HttpCall.Reply first = intake("coordinator", key, body);
        assertThat(first.status()).isEqualTo(201);

        String stored = storedFingerprint("coordinator", key);
        assertThat(stored).hasSize(64)
                .isNotEqualTo(sha256("POST\n/api/referrals\nnull\n" + body))
                .isNotEqualTo(sha256(body));

        HttpCall.Reply again = intake("coordinator", key, body);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).hasValue("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertProblem(intake("coordinator", key, body.replace("CHAT", "PHONE")), 409, "IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void a_record_fingerprinted_the_former_way_is_still_honoured_until_it_expires() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = PersonalData.intake();
        HttpCall.Reply first = intake("coordinator", key, body);
        assertThat(first.status()).isEqualTo(201);
        jdbc.update("UPDATE idempotency_record SET request_hash = ? WHERE username = ? AND idempotency_key = ?",
                sha256("POST\n/api/referrals\nnull\n" + body), "coordinator", key);
        long before = events();

        HttpCall.Reply again = intake("coordinator", key, body);

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).hasValue("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(events()).isEqualTo(before);
        assertProblem(intake("coordinator", key, body.replace("CHAT", "PHONE")), 409, "IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void an_expired_key_starts_a_new_command_and_a_recent_one_is_still_honoured() {
        String expiring = UUID.randomUUID().toString();
        HttpCall.Reply first = intake("coordinator", expiring, PersonalData.intake());
        assertThat(first.status()).isEqualTo(201);
        Instant cutoff = Instant.now();
        String recent = UUID.randomUUID().toString();
        assertThat(intake("coordinator", recent, PersonalData.intake()).status()).isEqualTo(201);

        assertThat(expiry.expireRecordsCreatedBefore(cutoff)).isPositive();

        long before = events();
        HttpCall.Reply afterExpiry = intake("coordinator", expiring, PersonalData.intake());
        assertThat(afterExpiry.status()).isEqualTo(201);
        assertThat(afterExpiry.header("Idempotent-Replayed")).isEmpty();
        assertThat(afterExpiry.text("referralId")).isNotEqualTo(first.text("referralId"));
        assertThat(events()).isEqualTo(before + 1);
        assertThat(intake("coordinator", recent, PersonalData.intake()).header("Idempotent-Replayed"))
                .hasValue("true");
    }

    @Test
    void the_same_key_with_another_body_or_endpoint_is_409_and_stores_nothing() {
        String referralId = fixtures().triaged();
        String key = UUID.randomUUID().toString();
        assertThat(post("/api/referrals/" + referralId + "/triage").as("coordinator").header("Idempotency-Key", key)
                .json("{\"riskLevel\": \"LOW\"}").send().status()).isEqualTo(200);
        long before = events();

        assertProblem(post("/api/referrals/" + referralId + "/triage").as("coordinator").header("Idempotency-Key", key)
                .json("{\"riskLevel\": \"HIGH\"}").send(), 409, "IDEMPOTENCY_KEY_REUSED");
        assertProblem(post("/api/referrals/" + referralId + "/assignment").as("coordinator")
                .header("Idempotency-Key", key).json("{\"coordinator\": \"coordinator\"}").send(), 409,
                "IDEMPOTENCY_KEY_REUSED");
        assertProblem(post("/api/referrals/" + referralId + "/triage").as("coordinator").header("Idempotency-Key", key)
                .header("If-Match", "2").json("{\"riskLevel\": \"LOW\"}").send(), 409, "IDEMPOTENCY_KEY_REUSED");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void keys_belong_to_their_user() {
        String key = UUID.randomUUID().toString();
        String referralId = fixtures().triaged();
        assertThat(post("/api/referrals/" + referralId + "/closure").as("coordinator").header("Idempotency-Key", key)
                .json("{\"outcome\": \"RESOLVED\"}").send().status()).isEqualTo(200);
        // the administrator's identical key is another key: its request is decided on its own
        assertThat(post("/api/referrals/" + referralId + "/erasure").as("admin").header("Idempotency-Key", key)
                .send().status()).isEqualTo(200);
    }

    @Test
    void a_refused_command_leaves_no_record_and_its_retry_is_decided_again() {
        String[] ids = fixtures().requested();
        String key = UUID.randomUUID().toString();
        int records = records();
        HttpCall.Reply refused = post("/api/referrals/" + ids[0] + "/closure").as("coordinator")
                .header("Idempotency-Key", key).json("{\"outcome\": \"RESOLVED\"}").send();
        assertProblem(refused, 409, "OPEN_TRANSFERS_BLOCK_CLOSURE");
        assertThat(records()).isEqualTo(records);

        fixtures().liaison(ids, "decline", "{\"reason\": \"not our scope\"}");
        HttpCall.Reply retried = post("/api/referrals/" + ids[0] + "/closure").as("coordinator")
                .header("Idempotency-Key", key).json("{\"outcome\": \"RESOLVED\"}").send();
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(records()).isEqualTo(records + 1);
    }

    @Test
    void concurrent_duplicates_store_one_intake_and_all_get_its_answer() throws Exception {
        String key = UUID.randomUUID().toString();
        long before = events();
        List<Supplier<HttpCall.Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> intake("coordinator", key, PersonalData.intake()));
        }

        List<HttpCall.Reply> replies = Together.run(calls);

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.toString()).isEqualTo(201));
        assertThat(replies).extracting(reply -> reply.text("referralId")).containsOnly(replies.get(0).text("referralId"));
        assertThat(events()).isEqualTo(before + 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM subject_key WHERE subject_id = ?", Long.class,
                replies.get(0).text("referralId"))).isEqualTo(1);
    }

    @Test
    void concurrent_duplicates_of_a_repeatable_command_store_it_once() throws Exception {
        String referralId = fixtures().triaged();
        String key = UUID.randomUUID().toString();
        long before = events();
        List<Supplier<HttpCall.Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> post("/api/referrals/" + referralId + "/triage").as("coordinator")
                    .header("Idempotency-Key", key).json("{\"riskLevel\": \"IMMEDIATE_DANGER\"}").send());
        }

        List<HttpCall.Reply> replies = Together.run(calls);

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.toString()).isEqualTo(200));
        assertThat(replies).extracting(HttpCall.Reply::body).containsOnly(replies.get(0).body());
        assertThat(events()).isEqualTo(before + 1);
    }

    @Test
    void if_match_refuses_a_stale_version_and_accepts_the_current_one() {
        String referralId = fixtures().triaged();
        long before = events();
        assertProblem(post("/api/referrals/" + referralId + "/assignment").as("coordinator").header("If-Match", "\"0\"")
                .json("{\"coordinator\": \"coordinator\"}").send(), 409, "VERSION_CONFLICT");
        assertProblem(post("/api/referrals/" + referralId + "/assignment").as("coordinator").header("If-Match", "7")
                .json("{\"coordinator\": \"coordinator\"}").send(), 409, "VERSION_CONFLICT");
        assertThat(events()).isEqualTo(before);

        HttpCall.Reply current = post("/api/referrals/" + referralId + "/assignment").as("coordinator")
                .header("If-Match", "W/\"1\"").json("{\"coordinator\": \"coordinator\"}").send();
        assertThat(current.status()).as(current.toString()).isEqualTo(200);
        assertThat(current.header("ETag")).hasValue("\"2\"");
        assertThat(post("/api/referrals/" + referralId + "/assignment").as("coordinator").header("If-Match", "*")
                .json("{\"coordinator\": \"coordinator\"}").send().status()).isEqualTo(200);
    }

    @Test
    void if_match_compares_versions_by_value_past_the_small_ones() {
        String referralId = fixtures().triaged();
        long version = 1;
        while (version < 130) {
            version = post("/api/referrals/" + referralId + "/assignment").as("coordinator")
                    .json("{\"coordinator\": \"coordinator\"}").send().json().get("version").asLong();
        }
        HttpCall.Reply current = post("/api/referrals/" + referralId + "/assignment").as("coordinator")
                .header("If-Match", "\"" + version + "\"").json("{\"coordinator\": \"coordinator\"}").send();
        assertThat(current.status()).as(current.toString()).isEqualTo(200);
    }

    @Test
    void a_rule_broken_with_a_stale_version_is_reported_as_the_version_conflict() {
        String referralId = fixtures().closed();
        // version 2 is the closure: the client still believes version 1, before it
        assertProblem(post("/api/referrals/" + referralId + "/triage").as("coordinator").header("If-Match", "1")
                .json("{\"riskLevel\": \"LOW\"}").send(), 409, "VERSION_CONFLICT");
    }

    private String storedFingerprint(String user, String key) {
        return jdbc.queryForObject("SELECT request_hash FROM idempotency_record WHERE username = ? "
                + "AND idempotency_key = ?", String.class, user, key).strip();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpCall.Reply intake(String user, String key, String body) {
        return post("/api/referrals").as(user).header("Idempotency-Key", key).json(body).send();
    }

    private HttpCall.Reply transfer(String referralId, String key, String body) {
        return post("/api/referrals/" + referralId + "/transfers").as("coordinator").header("Idempotency-Key", key)
                .json(body).send();
    }

    private int records() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_record", Integer.class);
    }
}
