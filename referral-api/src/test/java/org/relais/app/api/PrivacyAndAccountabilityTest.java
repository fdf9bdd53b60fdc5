package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.referral.TransferState;
import org.relais.app.support.HttpCall;
import org.relais.app.support.PersonalData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The promises of docs/design.md "Privacy and accountability" end to end: no plaintext anywhere at rest, erasure that survives a rebuild,
 * an access record per read, the state as of any event, what a partner was shown, and the auditors' exports.
 */
class PrivacyAndAccountabilityTest extends ApiTestBase {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void personal_data_is_nowhere_in_clear_before_or_after_erasure_and_erasure_survives_a_rebuild() throws Exception {
        String[] ids = fixtures().accepted();
        String referralId = ids[0];
        await().until(() -> get("/api/referrals/" + referralId, "coordinator").status() == 200);
        assertThat(get("/api/referrals/" + referralId, "coordinator").body()).contains(PersonalData.VICTIM_NAME);

        assertNoPlaintextAtRest();

        assertThat(HttpCall.post(port, "/api/referrals/" + referralId + "/erasure").as("admin")
                .json("{\"reason\": \"data subject request\"}").send().status()).isEqualTo(200);
        JsonNode erased = await().until(() -> get("/api/referrals/" + referralId, "coordinator").json(),
                json -> json.get("personalDataErased").asBoolean());
        assertThat(erased.has("victim")).isFalse();
        assertNoPlaintextAtRest();

        assertThat(HttpCall.post(port, "/api/admin/projections/case-detail/rebuild").as("admin").send().status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode detail = get("/api/referrals/" + referralId, "coordinator").json();
            return detail.get("personalDataErased").asBoolean() && !detail.has("victim");
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> !get("/api/admin/projections", "admin").body()
                .contains("\"RUNNING\""));
        await().until(() -> get("/api/referrals/" + referralId + "/history", "auditor").status() == 200);
    }

    @Test
    void each_read_path_records_one_access_and_a_liaison_read_records_its_partner() {
        String[] ids = fixtures().requested();
        String referralId = ids[0];
        // the liaison's first successful read is the one recorded (a 404 before the read side knows the transfer
        // opens nothing and records nothing)
        await().until(() -> get("/api/referrals/" + referralId, "platform").status() == 200);
        get("/api/referrals/" + referralId, "auditor");
        get("/api/referrals/" + referralId, "coordinator");

        JsonNode log = await().atMost(Duration.ofSeconds(10)).until(
                () -> get("/api/audit/access?referralId=" + referralId, "auditor").json(),
                json -> json.get("total").asLong() >= 3);
        List<JsonNode> records = log.get("items").valueStream().toList();
        assertThat(records).hasSize(3);
        JsonNode platform = records.stream().filter(r -> "platform".equals(r.get("actorUser").asString()))
                .findFirst().orElseThrow();
        assertThat(platform.get("actorPartner").asString()).isEqualTo("demo-platform");
        assertThat(platform.get("fields").valueStream().map(JsonNode::asString)).containsExactly("contentUrls");
    }

    @Test
    void the_state_as_of_each_event_is_the_state_the_case_had_then_and_shows_what_the_partner_was_shown() {
        String[] ids = fixtures().accepted();
        String referralId = ids[0];
        HttpCall.post(port, "/api/referrals/" + referralId + "/transfers/" + ids[1] + "/completion").as("platform")
                .json("{\"outcome\": \"CONTENT_REMOVED\"}").send();
        HttpCall.post(port, "/api/referrals/" + referralId + "/closure").as("coordinator")
                .json("{\"outcome\": \"RESOLVED\"}").send();

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(referralId).asStream().toList();
        // after each event: the case's status and its transfer's state (null before the transfer exists)
        List<Object[]> expected = List.of(
                new Object[] {ReferralStatus.RECEIVED, null}, new Object[] {ReferralStatus.TRIAGED, null},
                new Object[] {ReferralStatus.TRIAGED, null},
                new Object[] {ReferralStatus.IN_PROGRESS, TransferState.REQUESTED},
                new Object[] {ReferralStatus.IN_PROGRESS, TransferState.ACKNOWLEDGED},
                new Object[] {ReferralStatus.IN_PROGRESS, TransferState.ACCEPTED},
                new Object[] {ReferralStatus.TRIAGED, TransferState.COMPLETED},
                new Object[] {ReferralStatus.CLOSED, TransferState.COMPLETED});
        assertThat(events).hasSize(expected.size());
        for (int i = 0; i < events.size(); i++) {
            Instant at = events.get(i).getTimestamp();
            int last = i;
            while (last + 1 < events.size() && !events.get(last + 1).getTimestamp().isAfter(at)) {
                last++;
            }
            JsonNode then = get("/api/referrals/" + referralId + "/history?asOf=" + at, "auditor").json();
            assertThat(then.get("status").asString()).as("status after event " + i)
                    .isEqualTo(expected.get(last)[0].toString());
            Object transferState = expected.get(last)[1];
            if (transferState == null) {
                assertThat(then.get("transfers").isEmpty()).isTrue();
            } else {
                assertThat(then.get("transfers").get(0).get("state").asString()).isEqualTo(transferState.toString());
            }
        }

        Instant afterRequest = events.get(3).getTimestamp();
        JsonNode shownToPlatform = get("/api/referrals/" + referralId + "/history?asOf=" + afterRequest
                + "&partnerId=demo-platform", "auditor").json();
        assertThat(shownToPlatform.get("contentUrls").get(0).asString()).isNotBlank();
        assertThat(shownToPlatform.has("victim")).isFalse();
        assertThat(shownToPlatform.has("narrative")).isFalse();
        assertThat(get("/api/referrals/" + referralId + "/history?asOf=" + events.get(0).getTimestamp()
                + "&partnerId=demo-platform", "auditor").status()).as("nothing was shown before the transfer")
                .isEqualTo(404);
    }

    @Test
    void auditors_export_a_history_and_the_trusted_flagger_notices_without_personal_data_in_the_history() {
        String[] ids = fixtures().accepted();
        HttpCall.post(port, "/api/referrals/" + ids[0] + "/transfers/" + ids[1] + "/completion").as("platform")
                .json("{\"outcome\": \"REFUSED\", \"statementOfReasons\": \"Not illegal under our terms\"}").send();
        await().until(() -> get("/api/referrals/" + ids[0] + "/history", "auditor").status() == 200);

        HttpCall.Reply csv = await().until(() -> get("/api/referrals/" + ids[0] + "/history/export?format=csv",
                "auditor"), reply -> reply.body().contains("TransferCompletedEvent"));
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElseThrow()).startsWith("at,globalIndex,event");
        assertThat(csv.body()).doesNotContain(PersonalData.VICTIM_NAME, PersonalData.NARRATIVE);
        assertThat(get("/api/referrals/" + ids[0] + "/history/export", "auditor").json().isArray()).isTrue();

        JsonNode notices = await().until(() -> get("/api/audit/exports/trusted-flagger-notices", "auditor").json(),
                json -> json.valueStream().anyMatch(n -> ids[1].equals(n.get("transferId").asString())
                        && "REFUSED".equals(n.get("decision").asString())));
        JsonNode notice = notices.valueStream().filter(n -> ids[1].equals(n.get("transferId").asString()))
                .findFirst().orElseThrow();
        assertThat(notice.get("partnerId").asString()).isEqualTo("demo-platform");
        assertThat(notice.get("statementOfReasons").asString()).isEqualTo("Not illegal under our terms");
        assertThat(notice.get("acknowledgedAt").asString()).isNotBlank();
        assertThat(get("/api/audit/exports/trusted-flagger-notices?format=csv", "auditor").body())
                .startsWith("referralId,transferId,noticeIndex,partnerId,hostingService,hostingServicePartnerId,categories");
    }

    private void assertNoPlaintextAtRest() throws IOException {
        List<String> secrets = PersonalData.ALL;
        StringBuilder everything = new StringBuilder();
        try (Stream<Path> files = Files.walk(DATA_DIR)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                everything.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                everything.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        for (String collection : mongo.getCollectionNames()) {
            for (Document document : mongo.getCollection(collection).find()) {
                everything.append(document.toJson());
            }
        }
        for (byte[] row : jdbc.queryForList("SELECT payload FROM DomainEventEntry", byte[].class)) {
            everything.append(new String(row, StandardCharsets.UTF_8));
        }
        for (byte[] row : jdbc.queryForList("SELECT metaData FROM DomainEventEntry", byte[].class)) {
            everything.append(new String(row, StandardCharsets.UTF_8));
        }
        assertThat(everything).as("the scan sees stored events in clear").contains("NON_CONSENSUAL_IMAGERY");
        List<String> found = new ArrayList<>();
        for (String secret : secrets) {
            if (everything.indexOf(secret) >= 0) {
                found.add(secret);
            }
        }
        assertThat(found).as("personal data found at rest").isEmpty();
    }

    private HttpCall.Reply get(String path, String user) {
        return HttpCall.get(port, path).as(user).send();
    }
}
