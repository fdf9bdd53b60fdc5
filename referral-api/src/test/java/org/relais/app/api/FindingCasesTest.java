package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.relais.app.contact.ContactIndexBackfill;
import org.relais.app.keys.KeyDirectory;
import org.relais.app.support.HttpCall;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Finding a case from what a caller says: its reference (exact, any case, with or without {@code R-}), or a contact of
 * its victim or reporter through the blind index (coordinators only, each case found recorded in the access log),
 * the repeat-caller hint on the case, and the worklist filters (assignee, dates).
 */
class FindingCasesTest extends ApiTestBase {

    @Autowired
    KeyDirectory keys;

    @Autowired
    ContactIndexBackfill backfill;

    @Test
    void a_reference_read_out_on_the_phone_finds_its_case_in_any_spelling_for_coordinators_and_auditors() {
        HttpCall.Reply intake = post("/api/referrals").as("coordinator").json(intake(phone(), email())).send();
        String referralId = intake.text("referralId");
        String reference = intake.text("reference");
        await().until(() -> get("/api/referrals?reference=" + reference).as("coordinator").send().json()
                .get("total").asInt() == 1);

        for (String spelling : List.of(reference, reference.toLowerCase(), reference.substring(2))) {
            JsonNode page = get("/api/referrals?reference=" + spelling).as("auditor").send().json();
            assertThat(page.get("items").get(0).get("referralId").asString()).as(spelling).isEqualTo(referralId);
        }
        assertThat(get("/api/referrals?reference=R-1999-999999").as("coordinator").send().json().get("total").asInt())
                .isZero();
        assertProblem(get("/api/referrals?reference=123").as("coordinator").send(), 400, "INVALID_INPUT");
        HttpCall.Reply both = get("/api/referrals?reference=" + reference + "&contact=0612345678").as("coordinator")
                .send();
        assertProblem(both, 400, "INVALID_INPUT");
        assertThat(both.body()).doesNotContain("0612345678");
        assertThat(get("/api/referrals?reference=" + reference).as("police").send().status()).isEqualTo(403);
    }

    @Test
    void a_repeat_callers_cases_are_found_by_their_number_in_any_spelling_and_each_find_is_recorded() {
        String digits = phoneDigits();
        String first = received(intake("0" + digits.charAt(0) + " " + pairs(digits.substring(1)), email()));
        String second = received(intake(email(), "+33 " + digits));
        String other = received(intake(phone(), email()));
        await().until(() -> get("/api/referrals/" + second).as("coordinator").send().status() == 200);

        JsonNode found = lookup("+33" + digits, "callback from the victim");
        assertThat(found.get("items").valueStream().map(item -> item.get("referralId").asString()).toList())
                .containsExactly(second, first).doesNotContain(other);

        JsonNode log = await().until(() -> get("/api/audit/access?referralId=" + second).as("auditor").send().json(),
                json -> json.get("items").valueStream().anyMatch(record -> record.get("purpose").asString()
                        .equals("contact lookup: callback from the victim")));
        JsonNode record = log.get("items").valueStream().filter(r -> r.get("purpose").asString()
                .startsWith("contact lookup")).findFirst().orElseThrow();
        assertThat(record.get("actorUser").asString()).isEqualTo("coordinator");
        assertThat(record.get("fields").valueStream().map(JsonNode::asString).toList())
                .containsExactly("reporter.contact");
        assertThat(log.toString()).doesNotContain(digits);

        assertThat(get("/api/referrals?contact=0" + digits).as("auditor").send().status()).isEqualTo(403);
        assertProblem(get("/api/referrals?contact=%20").as("coordinator").send(), 400, "INVALID_INPUT");
    }

    @Test
    void the_case_tells_a_coordinator_how_many_earlier_cases_share_a_contact_and_an_auditor_nothing() {
        String email = email();
        String first = received(intake(phone(), email));
        String second = received(intake(email.toUpperCase(), phone()));
        JsonNode later = await().until(() -> get("/api/referrals/" + second).as("coordinator").send(),
                reply -> reply.status() == 200).json();
        assertThat(later.get("earlierCasesWithContact").asInt()).isEqualTo(1);
        JsonNode earlier = await().until(() -> get("/api/referrals/" + first).as("coordinator").send(),
                reply -> reply.status() == 200).json();
        assertThat(earlier.get("earlierCasesWithContact").asInt()).isZero();
        assertThat(get("/api/referrals/" + second).as("auditor").send().json().has("earlierCasesWithContact"))
                .isFalse();
    }

    @Test
    void erasure_deletes_the_cases_entries_of_the_blind_index_and_nothing_stores_a_contact_or_its_plain_hash()
            throws Exception {
        String digits = phoneDigits();
        String typed = "0" + digits;
        String address = email();
        String referralId = received(intake(typed, address));
        assertThat(indexEntries(referralId)).isEqualTo(2);

        List<String> secrets = List.of(typed, "+33" + digits, address);
        List<byte[]> needles = new java.util.ArrayList<>();
        for (String secret : List.of(typed, "+33" + digits, address, "tel:+33" + digits, "email:" + address)) {
            needles.add(secret.getBytes(StandardCharsets.UTF_8));
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            needles.add(sha);
            needles.add(HexFormat.of().formatHex(sha).getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(filesHolding(needles)).as("data files holding a contact %s or its SHA-256", secrets).isEmpty();
        Path indexKey = keys.path().resolve("index.key");
        assertThat(indexKey).as("the index key, generated in the key directory").exists();
        assertThat(filesHolding(List.of(Files.readAllBytes(indexKey),
                java.util.Base64.getDecoder().decode(Files.readString(indexKey).strip()))))
                .as("data files holding the index key").isEmpty();

        assertThat(post("/api/referrals/" + referralId + "/erasure").as("admin").json("{}").send().status())
                .isEqualTo(200);
        assertThat(indexEntries(referralId)).isZero();
        assertThat(lookup(typed, null).get("total").asInt()).isZero();
    }

    @Test
    void the_worklist_shows_the_assignee_and_filters_my_cases_the_unassigned_and_dates() {
        String mine = received(intake(phone(), email()));
        String nobodys = received(intake(phone(), email()));
        assertThat(post("/api/referrals/" + mine + "/assignment").as("coordinator")
                .json("{\"coordinator\": \"coordinator\"}").send().status()).isEqualTo(200);

        JsonNode myCases = await().until(() -> get("/api/referrals?assignee=me&size=200").as("coordinator").send()
                .json(), page -> ids(page).contains(mine));
        assertThat(ids(myCases)).doesNotContain(nobodys);
        assertThat(myCases.get("items").get(0).get("assignee").asString()).isEqualTo("coordinator");
        assertThat(ids(get("/api/referrals?assignee=coordinator&size=200").as("auditor").send().json()))
                .contains(mine);
        JsonNode unassigned = get("/api/referrals?unassigned=true&size=200").as("coordinator").send().json();
        assertThat(ids(unassigned)).contains(nobodys).doesNotContain(mine);

        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        assertThat(ids(get("/api/referrals?size=200&receivedFrom=" + today + "&receivedTo=" + today)
                .as("coordinator").send().json())).contains(mine, nobodys);
        assertThat(ids(get("/api/referrals?size=200&receivedFrom=" + today.plusDays(1)).as("coordinator").send()
                .json())).doesNotContain(mine, nobodys);
        assertThat(ids(get("/api/referrals?size=200&sort=-updatedAt&updatedTo=" + today.minusDays(1))
                .as("coordinator").send().json())).doesNotContain(mine, nobodys);
        assertThat(ids(get("/api/referrals?size=200&unassigned=true&receivedFrom=2000-01-01T00:00:00Z")
                .as("coordinator").send().json())).contains(nobodys);

        // the case assigned after the other came in was updated since; the other was not
        Instant assignedAt = updatedAt(myCases, mine);
        Instant receivedAt = updatedAt(unassigned, nobodys);
        assertThat(assignedAt).isAfter(receivedAt);
        assertThat(ids(updated("updatedFrom=" + assignedAt))).contains(mine).doesNotContain(nobodys);
        assertThat(ids(updated("updatedFrom=" + receivedAt))).contains(mine, nobodys);
        assertThat(ids(updated("updatedTo=" + assignedAt))).as("an instant \"to\" is exclusive")
                .contains(nobodys).doesNotContain(mine);

        HttpCall.Reply bad = get("/api/referrals?receivedFrom=yesterday").as("coordinator").send();
        assertProblem(bad, 400, "INVALID_INPUT");
        assertThat(bad.json().get("errors").get(0).get("parameter").asString()).isEqualTo("receivedFrom");
        assertProblem(get("/api/referrals?updatedTo=2026-13-01").as("coordinator").send(), 400, "INVALID_INPUT");
    }

    @Test
    void a_case_taken_in_before_the_index_existed_is_indexed_in_the_background_with_its_rectified_contact() {
        String corrected = phone();
        String address = email();
        String referralId = received(intake(phone(), address));
        HttpCall.Reply rectified = post("/api/referrals/" + referralId + "/personal-data").as("coordinator")
                .json("{\"victim\": {\"contact\": \"" + corrected + "\"}}").send();
        assertThat(rectified.status()).as(rectified.toString()).isEqualTo(200);
        asIfTakenInBeforeTheIndex(referralId);
        assertThat(lookup(corrected, null).get("total").asInt()).isZero();

        backfill.run();

        assertThat(indexEntries(referralId)).isEqualTo(2);
        // a lookup lists the cases the case list shows, which may lag behind the commands
        await().untilAsserted(() -> assertThat(ids(lookup(corrected, null))).containsExactly(referralId));
        assertThat(ids(lookup(address, null))).containsExactly(referralId);
        assertThat(pendingBackfill(referralId)).isZero();
    }

    @Test
    void a_case_erased_before_the_background_indexing_reached_it_is_never_indexed() {
        String contact = phone();
        String referralId = received(intake(contact, email()));
        asIfTakenInBeforeTheIndex(referralId);
        HttpCall.Reply erased = post("/api/referrals/" + referralId + "/erasure").as("admin")
                .json("{\"reason\": \"data subject request\"}").send();
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        await().until(() -> pendingBackfill(referralId) == 0);
        jdbc.update("INSERT INTO contact_index_backfill (referral_id) VALUES (?)", referralId);

        backfill.run();

        assertThat(indexEntries(referralId)).isZero();
        assertThat(pendingBackfill(referralId)).isZero();
        assertThat(lookup(contact, null).get("total").asInt()).isZero();
    }

    /** What the migration leaves for a case received before it: no entry, and the case listed for the backfill. */
    private void asIfTakenInBeforeTheIndex(String referralId) {
        jdbc.update("DELETE FROM contact_index WHERE referral_id = ?", referralId);
        jdbc.update("INSERT INTO contact_index_backfill (referral_id) VALUES (?)", referralId);
    }

    private int pendingBackfill(String referralId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM contact_index_backfill WHERE referral_id = ?",
                Integer.class, referralId);
    }

    private JsonNode lookup(String contact, String purpose) {
        return get("/api/referrals?contact=" + URLEncoder.encode(contact, StandardCharsets.UTF_8)
                + (purpose == null ? "" : "&purpose=" + URLEncoder.encode(purpose, StandardCharsets.UTF_8)))
                .as("coordinator").send().json();
    }

    private String received(String intake) {
        HttpCall.Reply reply = post("/api/referrals").as("coordinator").json(intake).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.text("referralId");
    }

    private int indexEntries(String referralId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM contact_index WHERE referral_id = ?", Integer.class,
                referralId);
    }

    /** The newest updated cases of the worklist under this filter. */
    private JsonNode updated(String filter) {
        return get("/api/referrals?size=200&sort=-updatedAt&" + filter).as("coordinator").send().json();
    }

    private static Instant updatedAt(JsonNode page, String referralId) {
        return page.get("items").valueStream().filter(item -> item.get("referralId").asString().equals(referralId))
                .map(item -> Instant.parse(item.get("updatedAt").asString())).findFirst().orElseThrow();
    }

    private static List<String> ids(JsonNode page) {
        return page.get("items").valueStream().map(item -> item.get("referralId").asString()).toList();
    }

    /** A case whose victim and reporter have the given contacts, and no other personal data of the shared tests. */
    static String intake(String victimContact, String reporterContact) {
        return """
                {"channel": "PHONE", "reporterRole": "PARENT_OR_GUARDIAN", "ageBand": "AGE_11_14",
                 "categories": ["CYBERHARASSMENT"],
                 "victim": {"name": "Victim of a lookup", "contact": "%s"},
                 "reporter": {"name": "Reporter of a lookup", "contact": "%s"}}
                """.formatted(victimContact, reporterContact);
    }

    /** Nine digits of a French mobile number nobody else in these tests has (after the 0 or +33). */
    static String phoneDigits() {
        return "7" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    static String phone() {
        return "0" + phoneDigits();
    }

    static String email() {
        return "caller-" + ThreadLocalRandom.current().nextLong(1L << 40) + "@example.org";
    }

    private static String pairs(String digits) {
        StringBuilder spaced = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 2) {
            spaced.append(spaced.length() == 0 ? "" : " ").append(digits, i, Math.min(i + 2, digits.length()));
        }
        return spaced.toString();
    }

    private static List<Path> filesHolding(List<byte[]> needles) throws IOException {
        try (Stream<Path> files = Files.walk(DATA_DIR)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> needles.stream().anyMatch(needle -> contains(file, needle))).toList();
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        byte[] haystack;
        try {
            haystack = Files.readAllBytes(file);
        } catch (NoSuchFileException removedMeanwhile) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
