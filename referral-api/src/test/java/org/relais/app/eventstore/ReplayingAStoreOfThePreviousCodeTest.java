package org.relais.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.relais.core.api.ActorMetadata;
import org.relais.app.support.HttpCall;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A store as the previous code wrote it, replayed into every read model through the real wiring. The store is built
 * from the stored samples of {@code ReferralEventSamplesTest} at revision 1 (the closure, the transfer request, the
 * agreement's signature and amendment, the access record all have a newer revision and an upcaster; every other type
 * is at its only revision), written as raw rows into the event table of a running application on a store of its own,
 * as an upgraded instance finds them; only identifiers, partners and outcomes are changed so that the rows make one
 * consistent history. The tracking processors read them as they read any row, through the upcasters, and the read
 * models are then read through the HTTP API against figures worked out by hand from that history.
 *
 * <pre>
 * partners  p-police (registered, signed), p-helpline (signed, liaison attached and detached, suspended, resumed),
 *           p-platform (signed, amended to PT30S, terminated); all at revision 1: OPEN_HOURS, no calendar
 * case R-2026-000123, received as AGE_11_14, triaged HIGH / SEXTORTION / AGE_15_17, assigned to "coordinator"
 *   T1 police INVESTIGATION: requested, overdue, acknowledged late, a partner message, accepted
 *   T2 platform CONTENT_REMOVAL (revision 1: no hosting service, one notice): acknowledged, accepted, notice 0
 *      REFUSED (SoR-2026-00042), completed REFUSED
 *   T3 helpline PSYCHOLOGICAL_SUPPORT: requested, deadline paused (suspension), declined, re-routed to T4
 *   T4 helpline PSYCHOLOGICAL_SUPPORT: requested, cancelled
 *   a note, an access record (revision 1), a rectification, consent withdrawn, closed REFERRED (revision 1),
 *   reopened, closed REFERRED again (revision 1), erasure requested
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("fast-passwords")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayingAStoreOfThePreviousCodeTest {

    private static final Path SAMPLES = Path.of("../referral-core/src/test/resources/event-samples");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private static final String CASE = "0b6f3c2e-5d1a-4c1e-9f7e-3a2b1c0d9e8f";
    private static final String T1 = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private static final String T2 = "2b1e4a3c-8d7f-4e6a-9b5c-3d2e1f0a9b8c";
    private static final String T3 = "4c3b2a19-0f8e-4d7c-8b6a-5e4d3c2b1a09";
    private static final String T4 = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("previous-store").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final List<Row> rows = new ArrayList<>();

    /** One raw row of the event table as the previous code stored it. */
    private record Row(String aggregate, String type, String payloadType, String revision, String payload,
                       Map<String, String> actor) {
    }

    @BeforeAll
    void writeThePreviousStore() {
        Map<String, String> admin = Map.of(ActorMetadata.USER, "admin", ActorMetadata.ROLE, "ADMIN");
        Map<String, String> coordinator = Map.of(ActorMetadata.USER, "coordinator", ActorMetadata.ROLE,
                "COORDINATOR");
        Map<String, String> police = liaison("police", "p-police");
        Map<String, String> platform = liaison("platform", "p-platform");
        Map<String, String> helpline = liaison("helpline", "p-helpline");

        partner("p-police", "PartnerRegisteredEvent", admin, p -> p.put("name", "Brigade des mineurs")
                .put("kind", "POLICE"));
        partner("p-police", "AgreementSignedEvent", admin, p -> { });
        partner("p-helpline", "PartnerRegisteredEvent", admin, p -> { });
        partner("p-helpline", "AgreementSignedEvent", admin, p -> { });
        partner("p-helpline", "LiaisonAttachedEvent", admin, p -> { });
        partner("p-helpline", "LiaisonDetachedEvent", admin, p -> { });
        partner("p-helpline", "AgreementSuspendedEvent", admin, p -> { });
        partner("p-helpline", "AgreementResumedEvent", admin, p -> { });
        partner("p-platform", "PartnerRegisteredEvent", admin, p -> p.put("name", "Social Example")
                .put("kind", "ONLINE_PLATFORM"));
        partner("p-platform", "AgreementSignedEvent", admin, p -> { });
        partner("p-platform", "AgreementAmendedEvent", admin, p -> { });
        partner("p-platform", "AgreementTerminatedEvent", admin, p -> { });

        referral("ReferralReceivedEvent", "1", coordinator, p -> { });
        referral("ReferralTriagedEvent", "1", coordinator, p -> { });
        referral("CoordinatorAssignedEvent", "1", coordinator, p -> p.put("coordinator", "coordinator"));
        referral("ConsentGivenEvent", "1", coordinator, p -> { });
        referral("TransferRequestedEvent", "1", coordinator, p -> { });
        referral("TransferAcknowledgementOverdueEvent", "1", Map.of(ActorMetadata.USER, "system",
                ActorMetadata.ROLE, "SYSTEM"), p -> { });
        referral("TransferAcknowledgedEvent", "1", police, p -> { });
        referral("TransferMessagePostedEvent", "1", police, p -> { });
        referral("TransferAcceptedEvent", "1", police, p -> { });

        referral("TransferRequestedEvent", "1", coordinator, p -> p.put("transferId", T2)
                .put("partnerId", "p-platform").put("partnerKind", "ONLINE_PLATFORM").put("purpose", "CONTENT_REMOVAL")
                .put("legalBasis", "CONSENT").put("deadline", "2026-03-02T12:00:00Z")
                .set("sharedFields", JSON.createArrayNode().add("contentUrls")));
        referral("TransferAcknowledgedEvent", "1", platform, p -> p.put("transferId", T2)
                .put("partnerId", "p-platform").put("wasOverdue", false));
        referral("TransferAcceptedEvent", "1", platform, p -> p.put("transferId", T2).put("partnerId", "p-platform"));
        referral("NoticeOutcomeRecordedEvent", "1", platform, p -> p.put("transferId", T2)
                .put("partnerId", "p-platform").put("noticeIndex", 0));
        referral("TransferCompletedEvent", "1", platform, p -> p.put("transferId", T2));

        referral("TransferRequestedEvent", "1", coordinator, p -> p.put("transferId", T3)
                .put("partnerId", "p-helpline").put("partnerKind", "HELPLINE").put("purpose", "PSYCHOLOGICAL_SUPPORT")
                .put("legalBasis", "CONSENT").set("sharedFields", JSON.createArrayNode().add("narrative")));
        referral("DeadlineRescheduledEvent", "1", coordinator, p -> p.put("transferId", T3)
                .put("partnerId", "p-helpline"));
        referral("TransferDeclinedEvent", "1", helpline, p -> p.put("transferId", T3).put("partnerId", "p-helpline"));
        referral("TransferReroutedEvent", "1", coordinator, p -> p.put("transferId", T3));
        referral("TransferRequestedEvent", "1", coordinator, p -> p.put("transferId", T4)
                .put("partnerId", "p-helpline").put("partnerKind", "HELPLINE").put("purpose", "PSYCHOLOGICAL_SUPPORT")
                .put("legalBasis", "CONSENT").set("sharedFields", JSON.createArrayNode().add("narrative")));
        referral("TransferCancelledEvent", "1", coordinator, p -> p.put("transferId", T4)
                .put("partnerId", "p-helpline"));

        referral("NoteAddedEvent", "1", coordinator, p -> { });
        event("PersonalDataAccessedEvent", "1", coordinator, p -> { });
        referral("PersonalDataRectifiedEvent", "1", coordinator, p -> { });
        referral("ConsentWithdrawnEvent", "1", coordinator, p -> { });
        referral("ReferralClosedEvent", "1", coordinator, p -> { });
        referral("ReferralReopenedEvent", "1", coordinator, p -> { });
        referral("ReferralClosedEvent", "1", coordinator, p -> { });
        event("NotificationReadEvent", "1", coordinator, p -> { });
        referral("ReferralErasureRequestedEvent", "1", coordinator, p -> { });

        write();
    }

    @Test
    void every_read_model_replays_the_previous_store_into_what_its_history_says() {
        JsonNode theCase = await().atMost(Duration.ofSeconds(60)).until(() -> read("/api/referrals/" + CASE,
                "coordinator"), c -> c != null && c.get("erasureRequested").asBoolean());
        // case detail: the revision-1 closures read as closures with no duplicate, the revision-1 removal as one notice
        assertThat(theCase.get("status").asString()).isEqualTo("CLOSED");
        assertThat(theCase.get("closureOutcome").asString()).isEqualTo("REFERRED");
        assertThat(theCase.has("duplicateOf")).isFalse();
        assertThat(theCase.get("riskLevel").asString()).isEqualTo("HIGH");
        assertThat(theCase.get("ageBand").asString()).isEqualTo("AGE_15_17");
        assertThat(strings(theCase.get("categories"))).containsExactly("SEXTORTION");
        assertThat(theCase.get("assignedCoordinator").asString()).isEqualTo("coordinator");
        assertThat(theCase.get("consentGiven").asBoolean()).isFalse();
        assertThat(theCase.get("version").asLong()).as("27 events of the case, numbered from 0").isEqualTo(26);
        assertThat(theCase.get("receivedAt").asString()).isEqualTo("2026-03-02T08:12:00Z");
        assertThat(theCase.get("updatedAt").asString()).isEqualTo("2026-03-02T08:40:00Z");
        assertThat(theCase.get("personalDataErased").asBoolean()).as("sealed under a key this store never had")
                .isTrue();
        JsonNode transfers = theCase.get("transfers");
        assertThat(transfers.valueStream().map(t -> t.get("transferId").asString() + " " + t.get("state").asString()))
                .containsExactly(T1 + " ACCEPTED", T2 + " COMPLETED", T3 + " DECLINED", T4 + " CANCELLED");
        JsonNode t1 = transfers.get(0);
        assertThat(t1.get("wasOverdue").asBoolean()).isTrue();
        assertThat(t1.get("overdue").asBoolean()).isFalse();
        assertThat(t1.get("consentWithdrawn").asBoolean()).as("a mandatory report rests on no consent").isFalse();
        assertThat(t1.get("messages")).hasSize(1);
        assertThat(t1.has("notices")).isFalse();
        assertThat(t1.has("hostingService")).isFalse();
        JsonNode t2 = transfers.get(1);
        assertThat(t2.get("outcome").asString()).isEqualTo("REFUSED");
        assertThat(t2.get("consentWithdrawn").asBoolean()).isTrue();
        assertThat(t2.has("hostingService")).as("not recorded at revision 1").isFalse();
        assertThat(t2.get("notices")).hasSize(1);
        assertThat(t2.get("notices").get(0).get("outcome").asString()).isEqualTo("REFUSED");
        assertThat(t2.get("notices").get(0).get("actedAt").asString()).isEqualTo("2026-03-02T16:30:00Z");
        assertThat(t2.get("notices").get(0).get("statementOfReasons").asString()).isEqualTo("SoR-2026-00042");
        assertThat(transfers.get(2).has("deadline")).as("paused by the suspension").isFalse();
        assertThat(transfers.get(2).get("reroutedTo").asString()).isEqualTo(T4);
        assertThat(transfers.get(3).get("reroutedFrom").asString()).isEqualTo(T3);
        assertThat(theCase.get("notes")).hasSize(1);

        // case list
        JsonNode line = read("/api/referrals?reference=R-2026-000123", "coordinator").get("items").get(0);
        assertThat(line.get("status").asString()).isEqualTo("CLOSED");
        assertThat(line.get("assignee").asString()).isEqualTo("coordinator");
        assertThat(line.get("minor").asBoolean()).isTrue();
        assertThat(strings(line.get("partnerIds"))).containsExactly("p-police", "p-platform", "p-helpline");
        assertThat(line.get("version").asLong()).isEqualTo(26);

        // audit trail: every event of the case, the notice's answer included, with its line
        JsonNode history = read("/api/referrals/" + CASE + "/history", "auditor").get("items");
        assertThat(history).hasSize(27);
        assertThat(history.valueStream().map(e -> e.get("description").asString()))
                .contains("Closed: REFERRED", "Deadline of transfer " + T3 + " paused (SUSPENDED)",
                        "Notice 0 of transfer " + T2 + " answered by the hosting service: REFUSED, statement of "
                                + "reasons SoR-2026-00042");

        // partner inboxes
        JsonNode police = read("/api/partners/p-police/inbox", "coordinator").get("items");
        assertThat(police).hasSize(1);
        assertThat(police.get(0).get("state").asString()).isEqualTo("ACCEPTED");
        assertThat(police.get(0).get("wasOverdue").asBoolean()).isTrue();
        JsonNode platform = read("/api/partners/p-platform/inbox", "coordinator").get("items");
        assertThat(platform).hasSize(1);
        assertThat(platform.get(0).get("noticeCount").asInt()).isEqualTo(1);
        assertThat(platform.get(0).get("noticeAnswers").get(0).get("statementOfReasons").asString())
                .isEqualTo("SoR-2026-00042");
        assertThat(read("/api/partners/p-helpline/inbox", "coordinator").get("items").valueStream()
                .map(i -> i.get("state").asString())).containsExactly("DECLINED", "CANCELLED");

        // access log: the revision-1 record, with no texts
        JsonNode access = read("/api/audit/access?referralId=" + CASE, "auditor").get("items");
        assertThat(access).hasSize(1);
        assertThat(strings(access.get(0).get("fields"))).containsExactly("victim.name", "narrative", "contentUrls");
        assertThat(access.get(0).get("texts")).isEmpty();

        // trusted-flagger notices: the revision-1 removal counts one notice to an unknown hosting service
        JsonNode report = read("/api/audit/reports/trusted-flagger?year=2026", "auditor");
        assertThat(report.get("notices").asInt()).isEqualTo(1);
        assertThat(report.get("byHostingService").get(0).get("name").asString()).startsWith("unknown");
        assertThat(report.get("byOutcome").get("REFUSED").asInt()).isEqualTo(1);
        assertThat(report.get("timeToAction").get("median").asString()).as("08:21 to 16:30").isEqualTo("PT8H9M");

        // dashboard: one case, closed twice in the period and counted once; times on the revision-1 hours
        JsonNode dashboard = read("/api/dashboard?from=2026-03-01&to=2026-03-31", "coordinator");
        assertThat(dashboard.get("cases").asInt()).isEqualTo(1);
        assertThat(dashboard.get("minors").asInt()).isEqualTo(1);
        assertThat(dashboard.get("closuresByOutcome").toString()).isEqualTo("{\"REFERRED\":1}");
        JsonNode partners = dashboard.get("partners");
        assertThat(partners.valueStream().map(p -> p.get("partnerId").asString()))
                .containsExactly("p-platform", "p-police");
        // requested 09:21 Paris on a Monday, acknowledged a minute later, inside the amended 09:00-12:00
        assertThat(partners.get(0).get("openTimeToAcknowledge").get("medianSeconds").asDouble()).isEqualTo(60.0);
        // requested 09:16 Paris, acknowledged two minutes later, inside the signed 09:00-23:00; marked overdue
        assertThat(partners.get(1).get("timeToAcknowledge").get("medianSeconds").asDouble()).isEqualTo(120.0);
        assertThat(partners.get(1).get("openTimeToAcknowledge").get("medianSeconds").asDouble()).isEqualTo(120.0);
        assertThat(partners.get(1).get("slaBreaches").asInt()).isEqualTo(1);

        // partner directory: revision-1 agreements read as OPEN_HOURS with no calendar
        Map<String, JsonNode> directory = new java.util.HashMap<>();
        read("/api/partners", "admin").valueStream().forEach(p -> directory.put(p.get("partnerId").asString(), p));
        assertThat(directory).containsOnlyKeys("p-police", "p-helpline", "p-platform");
        assertThat(directory.get("p-helpline").get("status").asString()).isEqualTo("ACTIVE");
        assertThat(directory.get("p-helpline").get("liaisons")).isEmpty();
        assertThat(directory.get("p-platform").get("status").asString()).isEqualTo("TERMINATED");
        assertThat(directory.get("p-platform").get("agreement").get("acknowledgementSla").asString())
                .isEqualTo("PT30S");
        for (JsonNode partner : directory.values()) {
            JsonNode agreement = partner.get("agreement");
            assertThat(agreement.get("slaKind").asString()).isEqualTo("OPEN_HOURS");
            assertThat(agreement.get("closures")).isEmpty();
            assertThat(agreement.get("holidayCalendar").isNull()).isTrue();
        }

        // notifications of the case assigned to the coordinator: overdue, partner message, refusal, decline
        JsonNode notifications = read("/api/notifications", "coordinator");
        assertThat(notifications.get("items").valueStream().map(n -> n.get("kind").asString()))
                .containsExactlyInAnyOrder("TRANSFER_OVERDUE", "PARTNER_MESSAGE", "TRANSFER_REFUSED",
                        "TRANSFER_DECLINED");
    }

    private JsonNode read(String path, String user) {
        HttpCall.Reply reply = get(path, user);
        return reply.status() == 200 ? reply.json() : null;
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private HttpCall.Reply get(String path, String user) {
        return HttpCall.get(port, path).as(user).send();
    }

    private static Map<String, String> liaison(String user, String partnerId) {
        return Map.of(ActorMetadata.USER, user, ActorMetadata.ROLE, "LIAISON", ActorMetadata.PARTNER, partnerId);
    }

    /** An event of the partner {@code partnerId} (the samples name p-helpline or p-platform). */
    private void partner(String partnerId, String sample, Map<String, String> actor, Consumer<ObjectNode> change) {
        rows.add(new Row(partnerId, "Partner", sample, "1", payload(sample, "1",
                change.andThen(p -> p.put("partnerId", partnerId))), actor));
    }

    private void referral(String sample, String revision, Map<String, String> actor, Consumer<ObjectNode> change) {
        rows.add(new Row(CASE, "Referral", sample, revision, payload(sample, revision, change), actor));
    }

    /** An event of no aggregate (an access record, a notification read). */
    private void event(String sample, String revision, Map<String, String> actor, Consumer<ObjectNode> change) {
        rows.add(new Row(null, null, sample, revision, payload(sample, revision, change), actor));
    }

    /** The stored sample of that revision ({@code Name.json} is revision 1, {@code Name-2.json} revision 2). */
    private static String payload(String sample, String revision, Consumer<ObjectNode> change) {
        try {
            Path file = SAMPLES.resolve(revision.equals("1") ? sample + ".json" : sample + "-" + revision + ".json");
            ObjectNode payload = (ObjectNode) JSON.readTree(Files.readString(file));
            change.accept(payload);
            return JSON.writeValueAsString(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows in one transaction, each aggregate's numbered from 0, a minute apart, after what the store holds. */
    private void write() {
        Map<String, Long> sequences = new java.util.HashMap<>();
        Instant at = START;
        for (Row row : rows) {
            String eventId = UUID.randomUUID().toString();
            String aggregate = row.aggregate() == null ? eventId : row.aggregate();
            long sequence = row.aggregate() == null ? 0 : sequences.merge(aggregate, 1L, Long::sum) - 1;
            jdbc.update("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, "
                            + "metaData, payload, payloadRevision, payloadType, timeStamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    aggregate, sequence, row.type(), eventId,
                    JSON.writeValueAsString(row.actor()).getBytes(StandardCharsets.UTF_8),
                    row.payload().getBytes(StandardCharsets.UTF_8), row.revision(),
                    "org.relais.core.api." + row.payloadType(), at.toString());
            at = at.plus(Duration.ofMinutes(1));
        }
    }
}
