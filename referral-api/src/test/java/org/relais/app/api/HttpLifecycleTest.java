package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relais.core.api.ActorMetadata;
import org.relais.app.support.HttpCall;
import org.relais.app.support.LogCapture;
import org.relais.app.support.PersonalData;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A case from intake to closure over HTTP, each step by the user whose job it is: the coordinator takes it in,
 * triages it, records consent and hands it to the platform; the platform's liaison acknowledges, accepts and reports
 * the content removed; the coordinator closes it; the auditor reads it; the administrator keeps the directory.
 */
@ExtendWith(LogCapture.class)
class HttpLifecycleTest extends ApiTestBase {

    @Autowired
    EventStore eventStore;

    @Test
    void a_case_goes_from_intake_to_closure_by_the_four_kinds_of_user() {
        HttpCall.Reply intake = post("/api/referrals").as("coordinator").json(PersonalData.intake()).send();
        assertThat(intake.status()).isEqualTo(201);
        String referralId = intake.text("referralId");
        assertThat(intake.header("Location")).hasValue("/api/referrals/" + referralId + "?consistentWith="
                + intake.text("position"));
        assertThat(intake.header("ETag")).hasValue("\"0\"");
        assertThat(intake.text("reference")).matches("R-\\d{4}-\\d{6}");
        assertThat(intake.json().get("version").asLong()).isZero();

        HttpCall.Reply triage = post("/api/referrals/" + referralId + "/triage").as("coordinator")
                .header("If-Match", "\"0\"").json("{\"riskLevel\": \"HIGH\", \"ageBand\": \"AGE_15_17\"}").send();
        assertThat(triage.status()).as(triage.toString()).isEqualTo(200);
        assertThat(triage.json().get("version").asLong()).isEqualTo(1);
        assertThat(post("/api/referrals/" + referralId + "/assignment").as("coordinator")
                .json("{\"coordinator\": \"coordinator\"}").send().status()).isEqualTo(200);
        assertThat(post("/api/referrals/" + referralId + "/consent").as("coordinator")
                .json("{\"givenBy\": \"" + PersonalData.GUARDIAN + "\"}").send().status()).isEqualTo(200);

        HttpCall.Reply transfer = post("/api/referrals/" + referralId + "/transfers").as("coordinator")
                .header("Idempotency-Key", "lifecycle-transfer-" + referralId)
                .json(Fixtures.PLATFORM_TRANSFER).send();
        assertThat(transfer.status()).as(transfer.toString()).isEqualTo(201);
        String transferId = transfer.text("transferId");
        assertThat(transfer.json().get("version").asLong()).isEqualTo(4);
        // the platform is always open and has a one-hour SLA
        assertThat(Instant.parse(transfer.text("deadline"))).isAfter(Instant.now().plusSeconds(3500));

        String transferPath = "/api/referrals/" + referralId + "/transfers/" + transferId;
        assertThat(post(transferPath + "/acknowledgement").as("platform").send().status()).isEqualTo(200);
        assertThat(post(transferPath + "/acceptance").as("platform").send().status()).isEqualTo(200);
        HttpCall.Reply closedTooEarly = post("/api/referrals/" + referralId + "/closure").as("coordinator")
                .json("{\"outcome\": \"RESOLVED\"}").send();
        assertThat(closedTooEarly.status()).isEqualTo(200);  // ACCEPTED does not block closure, only REQUESTED/ACKNOWLEDGED
        assertThat(post("/api/referrals/" + referralId + "/reopening").as("coordinator")
                .json("{\"reason\": \"" + PersonalData.FREE_TEXT + "\"}").send().status()).isEqualTo(200);
        HttpCall.Reply completion = post(transferPath + "/completion").as("platform")
                .json("{\"outcome\": \"CONTENT_REMOVED\", \"note\": \"Removed within the hour\"}").send();
        assertThat(completion.status()).as(completion.toString()).isEqualTo(200);
        HttpCall.Reply closure = post("/api/referrals/" + referralId + "/closure").as("coordinator")
                .json("{\"outcome\": \"RESOLVED\", \"note\": \"" + PersonalData.FREE_TEXT + "\"}").send();
        assertThat(closure.status()).isEqualTo(200);
        long finalVersion = closure.json().get("version").asLong();

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(referralId).asStream().toList();
        assertThat(finalVersion).isEqualTo(events.size() - 1);
        assertThat(events).extracting(event -> event.getPayloadType().getSimpleName()).containsExactly(
                "ReferralReceivedEvent", "ReferralTriagedEvent", "CoordinatorAssignedEvent", "ConsentGivenEvent",
                "TransferRequestedEvent", "TransferAcknowledgedEvent", "TransferAcceptedEvent", "ReferralClosedEvent",
                "ReferralReopenedEvent", "TransferCompletedEvent", "ReferralClosedEvent");
        assertThat(events.get(0).getMetaData()).containsEntry(ActorMetadata.USER, "coordinator")
                .containsEntry(ActorMetadata.ROLE, "COORDINATOR");
        assertThat(events.get(5).getMetaData()).containsEntry(ActorMetadata.USER, "platform")
                .containsEntry(ActorMetadata.PARTNER, "demo-platform");
        assertThat(events).allSatisfy(event -> assertThat(event.getMetaData().keySet())
                .noneMatch(key -> key.startsWith("relais")));

        // the auditor reads the list and the case, with its personal data
        await().untilAsserted(() -> assertThat(get("/api/referrals/" + referralId).as("auditor").send().status())
                .isEqualTo(200));
        HttpCall.Reply read = get("/api/referrals/" + referralId).as("auditor").send();
        assertThat(read.json().get("victim").get("name").asString()).isEqualTo(PersonalData.VICTIM_NAME);
        assertThat(read.header("ETag")).isPresent();
        // the list is another read model, with its own processor: it shows the case once that one has caught up
        await().untilAsserted(() -> assertThat(get("/api/referrals?size=200").as("auditor").send().body())
                .contains(referralId));
        HttpCall.Reply list = get("/api/referrals?size=200").as("auditor").send();
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(referralId).doesNotContain(PersonalData.VICTIM_NAME);
    }

    @Test
    void the_administrator_keeps_the_partner_directory_and_everybody_reads_it() {
        Fixtures fixtures = fixtures();
        String partnerId = fixtures.partner();
        HttpCall.Reply signed = post("/api/partners/" + partnerId + "/agreement").as("admin")
                .json(Fixtures.agreement()).send();
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        assertThat(signed.text("change")).isEqualTo("SIGNED");
        HttpCall.Reply amended = post("/api/partners/" + partnerId + "/agreement").as("admin")
                .header("If-Match", signed.header("ETag").orElseThrow())
                .json(Fixtures.agreement().replace("PT8H", "PT6H")).send();
        assertThat(amended.status()).as(amended.toString()).isEqualTo(200);
        assertThat(amended.text("change")).isEqualTo("AMENDED");
        assertThat(post("/api/partners/" + partnerId + "/liaisons").as("admin")
                .json("{\"username\": \"case.worker@assoc.example\"}").send().status()).isEqualTo(200);
        assertThat(post("/api/partners/" + partnerId + "/suspension").as("admin")
                .json("{\"reason\": \"Annual review\"}").send().status()).isEqualTo(200);
        assertThat(post("/api/partners/" + partnerId + "/resumption").as("admin").send().status()).isEqualTo(200);

        await().untilAsserted(() -> {
            HttpCall.Reply one = get("/api/partners/" + partnerId).as("admin").send();
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.text("status")).isEqualTo("ACTIVE");
            assertThat(one.json().get("version").asLong()).isEqualTo(5);
            assertThat(one.json().get("agreement").get("acknowledgementSla").asString()).isEqualTo("PT6H");
            assertThat(one.json().get("agreement").get("serviceHours").get("periods")).hasSize(2);
            assertThat(one.json().get("liaisons").get(0).asString()).isEqualTo("case.worker@assoc.example");
        });
        for (String user : List.of("coordinator", "auditor", "police", "admin")) {
            HttpCall.Reply directory = get("/api/partners").as(user).send();
            assertThat(directory.status()).isEqualTo(200);
            assertThat(directory.body()).contains(partnerId, "demo-police-minors", "demo-platform");
        }

        long before = events();
        assertProblem(post("/api/partners").as("admin").json("{\"partnerId\": \"" + partnerId
                + "\", \"name\": \"Homonyme\", \"kind\": \"OTHER\"}").send(), 409, "PARTNER_ALREADY_EXISTS");
        assertProblem(post("/api/partners").as("admin").json("{\"partnerId\": \"demo-platform\", \"name\": \"x\", "
                + "\"kind\": \"OTHER\"}").send(), 409, "PARTNER_ALREADY_EXISTS");
        assertThat(events()).isEqualTo(before);

        assertThat(post("/api/partners/" + partnerId + "/termination").as("admin")
                .json("{\"reason\": \"Partnership ended\"}").send().status()).isEqualTo(200);
        await().untilAsserted(() -> assertThat(get("/api/partners/" + partnerId).as("admin").send().text("status"))
                .isEqualTo("TERMINATED"));
    }

    @Test
    void an_administrator_requests_the_erasure_of_a_case() {
        String referralId = fixtures().received();
        HttpCall.Reply erasure = post("/api/referrals/" + referralId + "/erasure").as("admin")
                .json("{\"reason\": \"Data-subject request\"}").send();
        assertThat(erasure.status()).as(erasure.toString()).isEqualTo(200);
        assertProblem(post("/api/referrals/" + referralId + "/erasure").as("admin").send(), 409,
                "ERASURE_ALREADY_REQUESTED");
    }
}
