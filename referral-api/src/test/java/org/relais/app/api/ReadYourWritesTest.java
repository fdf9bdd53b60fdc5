package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.relais.app.consistency.ConsistentReads;
import org.relais.app.consistency.ReadsFrom;
import org.relais.app.readmodels.ReadModelGroups;
import org.relais.app.support.HttpCall;
import org.relais.app.support.PersonalData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * What a client just did is what it reads: every command answer gives the position of its last event, and a GET
 * carrying it is answered from read models that have handled it, or 503 to be tried again, never stale data.
 */
class ReadYourWritesTest extends ApiTestBase {

    private static final int ITERATIONS = 1_000;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    ReadModelGroups readModels;

    /**
     * Each iteration writes, then reads at once with the position it was given, no pause: intakes followed through
     * their {@code Location} as given and looked up by reference, triages, assignments, closures, and a partner's
     * suspensions and resumptions. An answer older than the write is stale.
     */
    @Test
    void a_thousand_writes_each_read_back_at_once_with_their_position_are_never_stale() {
        String partnerId = fixtures().partnerWithAgreement();
        List<String> stale = new ArrayList<>();
        String referralId = null;
        String reference = null;
        for (int i = 0; i < ITERATIONS; i++) {
            int step = i % 10;
            if (step == 0) {
                HttpCall.Reply intake = command(post("/api/referrals").as("coordinator").json(PersonalData.intake()),
                        201);
                referralId = intake.text("referralId");
                reference = intake.text("reference");
                String location = intake.header("Location").orElseThrow();
                assertThat(location).contains(ConsistentReads.PARAMETER + "=" + intake.text("position"));
                HttpCall.Reply followed = get(URI.create(location).toString()).as("coordinator").send();
                if (followed.status() != 200 || !referralId.equals(followed.text("referralId"))) {
                    stale.add(i + ": the Location answered " + followed);
                }
                HttpCall.Reply found = get("/api/referrals?reference=" + reference).as("coordinator")
                        .header(ConsistentReads.CONSISTENT_WITH, intake.text("position")).send();
                if (found.status() != 200 || found.json().get("items").size() != 1) {
                    stale.add(i + ": the case list answered " + found);
                }
            } else if (step == 1) {
                HttpCall.Reply triage = command(post("/api/referrals/" + referralId + "/triage").as("coordinator")
                        .json("{\"riskLevel\": \"HIGH\"}"), 200);
                HttpCall.Reply detail = detail(referralId, triage);
                if (!"TRIAGED".equals(detail.text("status")) || !"HIGH".equals(detail.text("riskLevel"))) {
                    stale.add(i + ": after the triage " + detail.text("status") + " " + detail.text("riskLevel"));
                }
            } else if (step <= 7) {
                String coordinator = "coordinator-" + i;
                HttpCall.Reply assignment = command(post("/api/referrals/" + referralId + "/assignment")
                        .as("coordinator").json("{\"coordinator\": \"" + coordinator + "\"}"), 200);
                HttpCall.Reply detail = detail(referralId, assignment);
                if (!coordinator.equals(detail.text("assignedCoordinator"))) {
                    stale.add(i + ": after the assignment " + detail.text("assignedCoordinator"));
                }
            } else if (step == 8) {
                HttpCall.Reply closure = command(post("/api/referrals/" + referralId + "/closure").as("coordinator")
                        .json("{\"outcome\": \"RESOLVED\"}"), 200);
                HttpCall.Reply detail = detail(referralId, closure);
                if (!"CLOSED".equals(detail.text("status"))) {
                    stale.add(i + ": after the closure " + detail.text("status"));
                }
            } else {
                boolean suspend = i % 20 == 9;
                HttpCall.Reply change = command(post("/api/partners/" + partnerId
                        + (suspend ? "/suspension" : "/resumption")).as("admin")
                        .json(suspend ? "{\"reason\": \"Review\"}" : "{}"), 200);
                HttpCall.Reply partner = get("/api/partners/" + partnerId + "?" + ConsistentReads.PARAMETER + "="
                        + change.text("position")).as("coordinator").send();
                String expected = suspend ? "SUSPENDED" : "ACTIVE";
                if (partner.status() != 200 || !expected.equals(partner.text("status"))) {
                    stale.add(i + ": the partner read " + partner.text("status") + " instead of " + expected);
                }
            }
        }
        // not asserted (times depend on the machine): where the loop's time goes, for whoever reads the test output
        System.out.printf("read-your-writes loop: %d ms in commands, %d ms in case reads%n", commandNanos / 1_000_000,
                readNanos / 1_000_000);
        assertThat(stale).as("stale answers").isEmpty();
    }

    @Test
    void a_replayed_idempotent_answer_carries_the_position_of_the_first() {
        String referralId = fixtures().received();
        String key = "ryw-" + UUID.randomUUID();
        HttpCall.Reply first = command(post("/api/referrals/" + referralId + "/triage").as("coordinator")
                .header("Idempotency-Key", key).json("{\"riskLevel\": \"LOW\"}"), 200);
        fixtures().triage(referralId);
        HttpCall.Reply again = post("/api/referrals/" + referralId + "/triage").as("coordinator")
                .header("Idempotency-Key", key).json("{\"riskLevel\": \"LOW\"}").send();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(again.text("position")).isEqualTo(first.text("position"));
        assertThat(again.header(ConsistentReads.POSITION)).contains(first.text("position"));
    }

    @Test
    void a_position_the_read_models_do_not_reach_in_time_is_a_503_to_try_again_never_stale_data() {
        String referralId = fixtures().received();
        long beyond = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class) + 1_000_000;
        HttpCall.Reply reply = get("/api/referrals/" + referralId).as("coordinator")
                .header(ConsistentReads.CONSISTENT_WITH, Long.toString(beyond)).send();
        assertProblem(reply, 503, "READ_MODELS_BEHIND");
        assertThat(reply.header("Retry-After")).hasValueSatisfying(value -> assertThat(Long.parseLong(value))
                .isPositive());
        assertThat(reply.json().get("status").asInt()).isEqualTo(503);
        assertThat(reply.json().has("reference")).as("no data of the case").isFalse();
    }

    @Test
    void the_history_read_with_the_position_of_a_triage_has_the_triage() {
        String referralId = fixtures().received();
        HttpCall.Reply triage = command(post("/api/referrals/" + referralId + "/triage").as("coordinator")
                .json("{\"riskLevel\": \"MODERATE\"}"), 200);
        HttpCall.Reply history = get("/api/referrals/" + referralId + "/history?" + ConsistentReads.PARAMETER + "="
                + triage.text("position")).as("auditor").send();
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        assertThat(history.json().get("total").asLong()).as(history.toString()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_position_that_is_not_a_non_negative_integer_is_a_400_naming_where_it_came() {
        String referralId = fixtures().received();
        for (String bad : List.of("-1", "abc", "1.5", "12345678901234567890", "0x10")) {
            HttpCall.Reply viaHeader = get("/api/referrals/" + referralId).as("coordinator")
                    .header(ConsistentReads.CONSISTENT_WITH, bad).send();
            assertProblem(viaHeader, 400, "INVALID_INPUT");
            assertThat(viaHeader.body()).as(bad).contains(ConsistentReads.CONSISTENT_WITH);
            HttpCall.Reply viaParameter = get("/api/referrals/" + referralId + "?" + ConsistentReads.PARAMETER + "="
                    + java.net.URLEncoder.encode(bad, java.nio.charset.StandardCharsets.UTF_8)).as("coordinator")
                    .send();
            assertProblem(viaParameter, 400, "INVALID_INPUT");
            assertThat(viaParameter.body()).as(bad).contains(ConsistentReads.PARAMETER);
        }
    }

    @Test
    void the_openapi_document_has_the_position_of_command_answers_and_the_consistency_header_of_reads() {
        tools.jackson.databind.JsonNode document = get("/v3/api-docs").send().json();
        tools.jackson.databind.JsonNode schemas = document.get("components").get("schemas");
        for (String answer : List.of("Intake", "ReferralChanged", "TransferRequested", "TransferChanged",
                "PartnerChanged", "AgreementChanged", "NoteAdded", "MessagePosted")) {
            assertThat(schemas.has(answer)).as(answer).isTrue();
            // "integer", or ["integer", "null"] where the document marks members a record does not require
            assertThat(schemas.get(answer).get("properties").get("position").get("type").toString()).as(answer)
                    .contains("\"integer\"");
        }
        tools.jackson.databind.JsonNode detail = document.get("paths").get("/api/referrals/{referralId}").get("get");
        assertThat(detail.get("parameters").valueStream().map(parameter -> parameter.get("name").asString()))
                .contains(ConsistentReads.CONSISTENT_WITH, ConsistentReads.PARAMETER);
        assertThat(detail.get("responses").has("503")).isTrue();
        tools.jackson.databind.JsonNode triage = document.get("paths").get("/api/referrals/{referralId}/triage")
                .get("post").get("responses").get("200");
        assertThat(triage.get("headers").has(ConsistentReads.POSITION)).isTrue();
    }

    /** So that a read waits only for what it reads, and for a read model that exists. */
    @Test
    void every_api_read_names_the_read_models_it_reads_and_they_exist() {
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            Collection<String> paths = mapping.getKey().getPatternValues();
            boolean apiRead = paths.stream().anyMatch(path -> path.startsWith("/api/"))
                    && mapping.getKey().getMethodsCondition().getMethods().contains(RequestMethod.GET);
            if (!apiRead) {
                continue;
            }
            HandlerMethod handler = mapping.getValue();
            ReadsFrom reads = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), ReadsFrom.class);
            if (reads == null) {
                reads = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), ReadsFrom.class);
            }
            assertThat(reads).as(paths + " states the read models it reads").isNotNull();
            assertThat(readModels.names()).as(paths.toString()).containsAll(List.of(reads.value()));
        }
    }

    private long commandNanos;
    private long readNanos;

    private HttpCall.Reply command(HttpCall call, int status) {
        long start = System.nanoTime();
        HttpCall.Reply reply = call.send();
        commandNanos += System.nanoTime() - start;
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.json().get("position").isIntegralNumber()).as(reply.toString()).isTrue();
        assertThat(reply.header(ConsistentReads.POSITION)).contains(reply.text("position"));
        return reply;
    }

    private HttpCall.Reply detail(String referralId, HttpCall.Reply command) {
        long start = System.nanoTime();
        HttpCall.Reply detail = get("/api/referrals/" + referralId).as("coordinator")
                .header(ConsistentReads.CONSISTENT_WITH, command.text("position")).send();
        readNanos += System.nanoTime() - start;
        assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
        assertThat(detail.json().get("version").asLong()).as("version after the command")
                .isGreaterThanOrEqualTo(command.json().get("version").asLong());
        return detail;
    }
}
