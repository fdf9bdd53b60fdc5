package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.app.support.HttpCall;
import org.relais.app.support.OpenApiContract;
import org.relais.app.support.PersonalData;
import tools.jackson.databind.JsonNode;

/**
 * Every answer of a whole journey (intake to erasure, partners and agreements, audit, dashboard, and the errors
 * 400, 401, 403, 404, 409) is what the published OpenAPI document says it is: status, content type and body schema,
 * with no violation allowed. And the document reads like a contract: each operation has a summary and one success
 * status, the one it answers.
 */
class OpenApiContractTest extends ApiTestBase {

    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<String, TreeSet<Integer>> answered = new TreeMap<>();
    private OpenApiContract contract;
    private AutoCloseable observing;

    @BeforeEach
    void checkEveryAnswer() {
        contract = new OpenApiContract(get("/v3/api-docs").send().body());
        observing = HttpCall.observe((method, uri, reply) -> {
            if (uri.getPath().startsWith("/api/")) {
                violations.addAll(contract.violations(method, uri, reply));
                synchronized (answered) {
                    answered.computeIfAbsent(method + " " + contract.templateOf(uri.getPath()),
                            key -> new TreeSet<>()).add(reply.status());
                }
            }
        });
    }

    @AfterEach
    void stopChecking() throws Exception {
        observing.close();
    }

    @Test
    void every_answer_of_a_whole_journey_matches_the_document() {
        Fixtures fixtures = fixtures();
        // partners and agreements
        String partnerId = fixtures.partnerWithAgreement();
        call("GET", "/api/partners", "coordinator", null);
        call("GET", "/api/partners/" + partnerId, "admin", null);
        call("POST", "/api/partners/" + partnerId + "/liaisons", "admin", "{\"username\": \"police\"}");
        call("POST", "/api/partners/" + partnerId + "/liaisons/police/detachment", "admin", null);
        call("POST", "/api/partners/" + partnerId + "/suspension", "admin", "{\"reason\": \"Review\"}");
        call("POST", "/api/partners/" + partnerId + "/resumption", "admin", "{}");
        call("POST", "/api/partners/" + partnerId + "/agreement", "admin", Fixtures.agreement());
        call("POST", "/api/partners/" + partnerId + "/termination", "admin", "{\"reason\": \"Ended\"}");

        // a case from intake to transfer and the partner's answers
        String[] ids = fixtures.accepted();
        String referral = "/api/referrals/" + ids[0];
        String transfer = referral + "/transfers/" + ids[1];
        call("GET", referral, "coordinator", null);
        call("GET", referral, "platform", null);
        call("GET", "/api/referrals?sort=-updatedAt&size=5", "coordinator", null);
        call("GET", "/api/referrals?status=IN_PROGRESS&risk=HIGH", "auditor", null);
        call("POST", referral + "/assignment", "coordinator", "{\"coordinator\": \"coordinator\"}");
        call("POST", referral + "/notes", "coordinator", "{\"text\": \"Called back\"}");
        call("POST", transfer + "/messages", "platform", "{\"text\": \"Which post?\"}");
        call("POST", transfer + "/notices/0/outcome", "platform",
                "{\"outcome\": \"REMOVED\", \"statementOfReasons\": \"SoR-1\"}");
        call("POST", transfer + "/completion", "platform", "{\"outcome\": \"CONTENT_REMOVED\"}");
        call("GET", "/api/partners/" + Fixtures.PLATFORM + "/inbox", "platform", null);
        String[] declined = fixtures.declined();
        call("POST", "/api/referrals/" + declined[0] + "/transfers/" + declined[1] + "/reroute", "coordinator",
                Fixtures.PLATFORM_TRANSFER);
        String[] cancelled = fixtures.requested();
        call("POST", "/api/referrals/" + cancelled[0] + "/transfers/" + cancelled[1] + "/cancellation",
                "coordinator", "{\"reason\": \"Sent by mistake\"}");
        call("POST", "/api/referrals/" + cancelled[0] + "/consent/withdrawal", "coordinator",
                "{\"givenBy\": \"" + PersonalData.GUARDIAN + "\"}");
        call("POST", referral + "/personal-data", "coordinator", "{\"narrativeAddendum\": \"Called back\"}");
        call("POST", referral + "/personal-data", "coordinator", "{\"narrative\": \"not a rectifiable field\"}");
        call("POST", referral + "/closure", "coordinator", "{\"outcome\": \"RESOLVED\"}");
        call("POST", referral + "/reopening", "coordinator", "{\"reason\": \"New facts\"}");
        call("POST", referral + "/closure", "coordinator", "{\"outcome\": \"RESOLVED\"}");

        // audit, history, exports, dashboard, notifications, administration
        await().until(() -> get(referral + "/history").as("auditor").send().status() == 200);
        call("GET", referral + "/history?asOf=" + java.time.Instant.now().plusSeconds(1), "auditor", null);
        call("GET", referral + "/history?asOf=" + java.time.Instant.now() + "&partnerId=" + Fixtures.PLATFORM,
                "auditor", null);
        call("GET", referral + "/history/export", "auditor", null);
        call("GET", referral + "/history/export?format=csv", "auditor", null);
        call("GET", "/api/audit?referralId=" + ids[0], "auditor", null);
        call("GET", "/api/audit/access?referralId=" + ids[0], "auditor", null);
        call("GET", "/api/audit/verification", "auditor", null);
        call("GET", "/api/audit/checkpoints", "auditor", null);
        call("GET", "/api/audit/reports/trusted-flagger", "auditor", null);
        call("GET", "/api/audit/exports/trusted-flagger-notices", "auditor", null);
        call("GET", "/api/dashboard", "coordinator", null);
        call("GET", "/api/notifications", "coordinator", null);
        String completed = await().until(() -> notificationOf(ids[0], "TRANSFER_COMPLETED"), id -> id != null);
        call("POST", "/api/notifications/" + completed + "/read", "coordinator", null);
        call("POST", "/api/notifications/no-such-notification/read", "coordinator", null);
        call("GET", "/api/admin/projections", "admin", null);
        call("GET", referral + "/subject-export", "admin", null);
        call("POST", referral + "/erasure", "admin", "{\"reason\": \"data subject request\"}");
        call("GET", referral, "coordinator", null);

        // errors
        call("GET", "/api/referrals?sort=receivedAt,desc", "coordinator", null);
        call("POST", "/api/referrals", "coordinator", "{\"channel\": \"FAX\"}");
        call("POST", "/api/referrals", "coordinator", "{}");
        call("GET", "/api/referrals", null, null);
        call("GET", "/api/dashboard", "platform", null);
        call("GET", "/api/referrals/no-such-case", "coordinator", null);
        call("GET", referral + "/history?asOf=2000-01-01T00:00:00Z", "auditor", null);
        call("POST", referral + "/closure", "coordinator", "{\"outcome\": \"RESOLVED\"}");
        call("POST", "/api/referrals", "coordinator", "text", "text/plain");

        assertThat(answered.keySet()).as("operations exercised").hasSizeGreaterThan(35);
        assertThat(answered.get("POST /api/referrals/{referralId}/personal-data")).containsExactly(200, 400);
        assertThat(answered.get("POST /api/notifications/{notificationId}/read")).containsExactly(200, 404);
        assertThat(violations).as("answers that differ from the OpenAPI document").isEmpty();
    }

    @Test
    void every_operation_has_a_summary_examples_of_what_it_takes_and_one_success_status() {
        JsonNode paths = contract.document().get("paths");
        List<String> problems = new ArrayList<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(method -> {
            JsonNode operation = method.getValue();
            String name = method.getKey().toUpperCase() + " " + path.getKey();
            if (!operation.has("summary") || operation.get("summary").asString().isBlank()) {
                problems.add(name + ": no summary");
            }
            List<String> successes = operation.get("responses").propertyNames().stream()
                    .filter(status -> status.startsWith("2")).toList();
            if (successes.size() != 1) {
                problems.add(name + ": success statuses " + successes);
            }
            JsonNode body = operation.path("requestBody").path("content").path("application/json");
            if (!body.isMissingNode() && !body.has("example")) {
                problems.add(name + ": a body without an example");
            }
            operation.path("parameters").valueStream()
                    .filter(parameter -> parameter.path("required").asBoolean(false)
                            || parameter.path("in").asString().equals("path"))
                    .filter(parameter -> !parameter.has("example") && !parameter.path("schema").has("enum")
                            && !parameter.path("schema").has("example"))
                    .forEach(parameter -> problems.add(name + ": parameter " + parameter.get("name").asString()
                            + " without an example"));
        }));
        assertThat(problems).isEmpty();
        JsonNode sort = paths.get("/api/referrals").get("get").get("parameters").valueStream()
                .filter(parameter -> parameter.get("name").asString().equals("sort")).findFirst().orElseThrow();
        assertThat(sort.get("schema").get("enum").toString()).contains("-receivedAt", "reference");
        assertThat(sort.get("example").asString()).isEqualTo("-receivedAt");
        assertThat(paths.get("/api/referrals").get("post").get("responses").has("201")).isTrue();
        assertThat(paths.get("/api/referrals").get("post").get("requestBody").get("content").get("application/json")
                .get("example").get("channel").asString()).isEqualTo("CHAT");
        assertThat(paths.get("/api/referrals/{referralId}/transfers").get("post").get("responses").has("201"))
                .isTrue();
    }

    private void call(String method, String path, String user, String json) {
        call(method, path, user, json, "application/json");
    }

    /** The id of the coordinator's unread notification of this kind about this case, or null while there is none. */
    private String notificationOf(String referralId, String kind) {
        return get("/api/notifications").as("coordinator").send().json().get("items").valueStream()
                .filter(item -> item.get("referralId").asString().equals(referralId)
                        && item.get("kind").asString().equals(kind))
                .map(item -> item.get("notificationId").asString()).findFirst().orElse(null);
    }

    private void call(String method, String path, String user, String body, String contentType) {
        HttpCall call = HttpCall.method(method, port, path).as(user);
        if (body != null) {
            call.body(contentType, body);
        }
        call.send();
    }
}
