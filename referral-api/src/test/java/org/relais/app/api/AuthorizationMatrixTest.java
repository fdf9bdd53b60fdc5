package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.relais.app.support.HttpCall;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call what, as one table: every endpoint under /api × every kind of caller → the expected status. The
 * table must name every endpoint the application maps, so a new endpoint without a row fails this test.
 *
 * <p>Each row brings a fresh case or partner into the state its endpoint needs, lets the refused callers try first
 * (they must change nothing) and the allowed caller last. A liaison of another partner is told "not found", never
 * "forbidden", for anything about a case it has no transfer for.
 */
class AuthorizationMatrixTest extends ApiTestBase {

    enum Caller {
        ANONYMOUS(null), COORDINATOR("coordinator"), ADDRESSED_LIAISON("platform"), OTHER_LIAISON("police"),
        AUDITOR("auditor"), ADMIN("admin");

        final String user;

        Caller(String user) {
            this.user = user;
        }
    }

    /**
     * Cells not called here: a granted server-sent-event stream stays open by design (DashboardStreamTest reads
     * it); the refusals of the same endpoint are called.
     */
    static final Set<String> NOT_CALLED = Set.of("GET /api/dashboard/stream COORDINATOR",
            "GET /api/dashboard/stream AUDITOR");

    record Row(String endpoint, Function<Fixtures, Map<String, String>> setup,
               Function<Map<String, String>, String> body, Map<Caller, Integer> expected) {
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    List<Row> table() {
        List<Row> rows = new ArrayList<>();
        // referrals
        rows.add(row("POST /api/referrals", f -> Map.of(), ids -> org.relais.app.support.PersonalData.intake(),
                only(Caller.COORDINATOR, 201)));
        rows.add(row("GET /api/referrals", f -> Map.of(), null,
                allowed(Map.of(Caller.COORDINATOR, 200, Caller.AUDITOR, 200))));
        rows.add(row("GET /api/referrals/{referralId}", f -> visible(f.requested()), null,
                allowed(Map.of(Caller.COORDINATOR, 200, Caller.AUDITOR, 200, Caller.ADDRESSED_LIAISON, 200,
                        Caller.OTHER_LIAISON, 404))));
        rows.add(row("GET /api/referrals?reference={reference}", f -> Map.of("reference", "R-2026-000001"), null,
                allowed(Map.of(Caller.COORDINATOR, 200, Caller.AUDITOR, 200))));
        rows.add(row("GET /api/referrals?contact={contact}", f -> Map.of("contact", "0612345678"), null,
                only(Caller.COORDINATOR, 200)));
        rows.add(row("POST /api/referrals/{referralId}/personal-data", f -> referral(f.received()),
                ids -> "{\"victim\": {\"name\": \"Corrected Name\"}}", only(Caller.COORDINATOR, 200)));
        rows.add(row("GET /api/referrals/{referralId}/subject-export", f -> inCaseDetail(f.received()), null,
                only(Caller.ADMIN, 200)));
        rows.add(row("POST /api/referrals/{referralId}/triage", f -> referral(f.received()),
                ids -> "{\"riskLevel\": \"MODERATE\"}", only(Caller.COORDINATOR, 200)));
        rows.add(row("POST /api/referrals/{referralId}/assignment", f -> referral(f.received()),
                ids -> "{\"coordinator\": \"coordinator\"}", only(Caller.COORDINATOR, 200)));
        rows.add(row("POST /api/referrals/{referralId}/consent", f -> referral(f.triaged()),
                ids -> "{\"givenBy\": \"the victim\"}", only(Caller.COORDINATOR, 200)));
        rows.add(row("POST /api/referrals/{referralId}/consent/withdrawal", f -> referral(f.withConsent()),
                ids -> "{\"givenBy\": \"the victim\"}", only(Caller.COORDINATOR, 200)));
        rows.add(row("POST /api/referrals/{referralId}/closure", f -> referral(f.triaged()),
                ids -> "{\"outcome\": \"RESOLVED\"}", only(Caller.COORDINATOR, 200)));
        rows.add(row("POST /api/referrals/{referralId}/reopening", f -> referral(f.closed()),
                ids -> "{\"reason\": \"new facts\"}", only(Caller.COORDINATOR, 200)));
        rows.add(row("POST /api/referrals/{referralId}/erasure", f -> referral(f.received()),
                ids -> "{\"reason\": \"retention expired\"}", only(Caller.ADMIN, 200)));
        // transfers
        rows.add(row("POST /api/referrals/{referralId}/transfers", f -> referral(f.withConsent()),
                ids -> Fixtures.PLATFORM_TRANSFER, only(Caller.COORDINATOR, 201)));
        rows.add(row("POST /api/referrals/{referralId}/transfers/{transferId}/acknowledgement",
                f -> transfer(f.requested()), null, liaison()));
        rows.add(row("POST /api/referrals/{referralId}/transfers/{transferId}/acceptance",
                f -> transfer(f.acknowledged()), null, liaison()));
        rows.add(row("POST /api/referrals/{referralId}/transfers/{transferId}/decline",
                f -> transfer(f.requested()), ids -> "{\"reason\": \"out of scope\"}", liaison()));
        rows.add(row("POST /api/referrals/{referralId}/transfers/{transferId}/completion",
                f -> transfer(f.accepted()), ids -> "{\"outcome\": \"CONTENT_REMOVED\"}", liaison()));
        rows.add(row("POST /api/referrals/{referralId}/transfers/{transferId}/notices/{noticeIndex}/outcome",
                f -> firstNotice(f.accepted()), ids -> "{\"outcome\": \"REMOVED\"}", liaison()));
        rows.add(row("POST /api/referrals/{referralId}/transfers/{transferId}/reroute",
                f -> transfer(f.declined()), ids -> "{\"partnerId\": \"demo-helpline\"}",
                only(Caller.COORDINATOR, 201)));
        rows.add(row("POST /api/referrals/{referralId}/transfers/{transferId}/cancellation",
                f -> transfer(f.requested()), ids -> "{\"reason\": \"sent by mistake\"}", only(Caller.COORDINATOR, 200)));
        // notes and conversations
        rows.add(row("POST /api/referrals/{referralId}/notes", f -> referral(f.closed()),
                ids -> "{\"text\": \"called back\"}", only(Caller.COORDINATOR, 201)));
        rows.add(row("POST /api/referrals/{referralId}/transfers/{transferId}/messages", f -> visible(f.requested()),
                ids -> "{\"text\": \"any news?\"}", allowed(Map.of(Caller.COORDINATOR, 201,
                        Caller.ADDRESSED_LIAISON, 201, Caller.OTHER_LIAISON, 404))));
        // notifications
        rows.add(row("GET /api/notifications", f -> Map.of(), null, only(Caller.COORDINATOR, 200)));
        rows.add(row("POST /api/notifications/{notificationId}/read", f -> declinedNotification(f), null,
                only(Caller.COORDINATOR, 200)));
        // partner directory
        rows.add(row("GET /api/partners", f -> Map.of(), null, everyRole(200)));
        rows.add(row("GET /api/partners/{partnerId}", f -> Map.of("partnerId", Fixtures.PLATFORM), null,
                everyRole(200)));
        rows.add(row("POST /api/partners", f -> Map.of("partnerId", "new-" + UUID.randomUUID()),
                ids -> "{\"partnerId\": \"" + ids.get("partnerId") + "\", \"name\": \"Nouvelle association\", "
                        + "\"kind\": \"OTHER\"}", only(Caller.ADMIN, 201)));
        rows.add(row("POST /api/partners/{partnerId}/agreement", f -> Map.of("partnerId", f.partner()),
                ids -> Fixtures.agreement(), only(Caller.ADMIN, 200)));
        rows.add(row("POST /api/partners/{partnerId}/suspension", f -> Map.of("partnerId", f.partnerWithAgreement()),
                ids -> "{\"reason\": \"review\"}", only(Caller.ADMIN, 200)));
        rows.add(row("POST /api/partners/{partnerId}/resumption", f -> Map.of("partnerId", f.suspendedPartner()),
                ids -> "{\"reason\": \"review done\"}", only(Caller.ADMIN, 200)));
        rows.add(row("POST /api/partners/{partnerId}/termination", f -> Map.of("partnerId", f.partnerWithAgreement()),
                ids -> "{\"reason\": \"ended\"}", only(Caller.ADMIN, 200)));
        rows.add(row("POST /api/partners/{partnerId}/liaisons", f -> Map.of("partnerId", f.partner()),
                ids -> "{\"username\": \"new.liaison\"}", only(Caller.ADMIN, 200)));
        rows.add(row("POST /api/partners/{partnerId}/liaisons/{username}/detachment",
                f -> Map.of("partnerId", f.partnerWithLiaison("old.liaison"), "username", "old.liaison"), null,
                only(Caller.ADMIN, 200)));
        // read models
        rows.add(row("GET /api/partners/{partnerId}/inbox", f -> Map.of("partnerId", Fixtures.PLATFORM), null,
                allowed(Map.of(Caller.COORDINATOR, 200, Caller.ADDRESSED_LIAISON, 200))));
        rows.add(row("GET /api/dashboard", f -> Map.of(), null,
                allowed(Map.of(Caller.COORDINATOR, 200, Caller.AUDITOR, 200))));
        rows.add(row("GET /api/dashboard/stream", f -> Map.of(), null,
                allowed(Map.of(Caller.COORDINATOR, 200, Caller.AUDITOR, 200))));
        rows.add(row("GET /api/referrals/{referralId}/history", f -> inAuditTrail(f.requested()), null,
                only(Caller.AUDITOR, 200)));
        // audit and administration
        rows.add(row("GET /api/audit", f -> Map.of(), null, only(Caller.AUDITOR, 200)));
        rows.add(row("GET /api/audit/access", f -> Map.of(), null, only(Caller.AUDITOR, 200)));
        rows.add(row("GET /api/audit/exports/trusted-flagger-notices", f -> Map.of(), null, only(Caller.AUDITOR, 200)));
        rows.add(row("GET /api/audit/reports/trusted-flagger", f -> Map.of(), null, only(Caller.AUDITOR, 200)));
        rows.add(row("GET /api/referrals/{referralId}/history/export", f -> inAuditTrail(f.requested()), null,
                only(Caller.AUDITOR, 200)));
        rows.add(row("GET /api/audit/verification", f -> Map.of(), null, only(Caller.AUDITOR, 200)));
        rows.add(row("GET /api/audit/checkpoints", f -> Map.of(), null, only(Caller.AUDITOR, 200)));
        rows.add(row("GET /api/admin/projections", f -> Map.of(), null, only(Caller.ADMIN, 200)));
        rows.add(row("POST /api/admin/projections/{name}/rebuild", f -> Map.of("name", "audit-trail"), null,
                only(Caller.ADMIN, 202)));
        rows.add(row("POST /api/admin/backups", f -> Map.of(), null, only(Caller.ADMIN, 201)));
        rows.add(row("GET /api/admin/backups", f -> Map.of(), null, only(Caller.ADMIN, 200)));
        rows.add(row("GET /api/admin/backups/{name}", f -> Map.of("name", f.backup()), null,
                only(Caller.ADMIN, 200)));
        return rows;
    }

    @Test
    void the_table_has_a_row_for_every_endpoint_under_api() {
        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/api") || pattern.startsWith("/api/")) {
                    info.getMethodsCondition().getMethods().forEach(method -> mapped.add(method.name() + " " + pattern));
                }
            }
        }
        // a lookup (?reference=, ?contact=) is its own row of the endpoint it is a parameter of
        Set<String> rows = new TreeSet<>(table().stream().map(row -> row.endpoint().replaceAll("\\?.*", ""))
                .toList());
        assertThat(rows).as("rows of the authorization table").containsExactlyElementsOf(mapped);
    }

    @Test
    void every_caller_gets_the_status_the_table_gives_for_every_endpoint() {
        Fixtures fixtures = fixtures();
        List<String> failures = new ArrayList<>();
        int cells = 0;
        for (Row row : table()) {
            Map<String, String> ids = row.setup().apply(fixtures);
            List<Map.Entry<Caller, Integer>> order = new ArrayList<>(row.expected().entrySet());
            // refused callers first: they must not change the state the allowed caller needs
            order.sort((a, b) -> Boolean.compare(a.getValue() < 400, b.getValue() < 400));
            for (Map.Entry<Caller, Integer> cell : order) {
                if (NOT_CALLED.contains(row.endpoint() + " " + cell.getKey())) {
                    continue;
                }
                cells++;
                long before = events();
                HttpCall.Reply reply = call(row, ids, cell.getKey());
                if (reply.status() != cell.getValue()) {
                    failures.add(row.endpoint() + " as " + cell.getKey() + ": expected " + cell.getValue() + ", got "
                            + reply);
                } else if (reply.status() >= 400) {
                    if (!reply.contentType().startsWith("application/problem+json") || reply.text("code") == null) {
                        failures.add(row.endpoint() + " as " + cell.getKey() + ": not a problem: " + reply);
                    }
                    if (events() != before) {
                        failures.add(row.endpoint() + " as " + cell.getKey() + ": refused but stored events");
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(cells).isEqualTo(table().size() * Caller.values().length - NOT_CALLED.size());
    }

    @Test
    void the_addressed_liaison_reads_the_case() {
        Map<String, String> ids = visible(fixtures().requested());
        assertThat(HttpCall.get(port, "/api/referrals/" + ids.get("referralId")).as("platform").send().status())
                .isEqualTo(200);
    }

    @Test
    void a_liaison_of_another_partner_is_told_not_found_on_a_closed_case_too() {
        // an accepted transfer survives closure: the closed case still has a transfer the answers could name
        String[] ids = fixtures().accepted();
        assertThat(HttpCall.post(port, "/api/referrals/" + ids[0] + "/closure").as("coordinator")
                .json("{\"outcome\": \"RESOLVED\"}").send().status()).isEqualTo(200);
        Map<String, String> answers = Map.of("acknowledgement", "", "acceptance", "",
                "decline", "{\"reason\": \"out of scope\"}", "completion", "{\"outcome\": \"CONTENT_REMOVED\"}");
        for (Map.Entry<String, String> answer : answers.entrySet()) {
            HttpCall call = HttpCall.post(port, "/api/referrals/" + ids[0] + "/transfers/" + ids[1] + "/"
                    + answer.getKey()).as(Caller.OTHER_LIAISON.user);
            HttpCall.Reply reply = answer.getValue().isEmpty() ? call.send() : call.json(answer.getValue()).send();
            assertThat(reply.status()).as(answer.getKey()).isEqualTo(404);
            assertThat(reply.text("code")).as(answer.getKey()).isEqualTo("NOT_FOUND");
        }
    }

    private HttpCall.Reply call(Row row, Map<String, String> ids, Caller caller) {
        String[] parts = row.endpoint().split(" ", 2);
        String path = parts[1];
        for (Map.Entry<String, String> id : ids.entrySet()) {
            path = path.replace("{" + id.getKey() + "}", id.getValue());
        }
        HttpCall call = HttpCall.method(parts[0], port, path).as(caller.user);
        if (row.body() != null) {
            call.json(row.body().apply(ids));
        }
        return call.send();
    }

    private Map<String, String> visible(String[] ids) {
        // the case detail is a read model: wait until it lists the transfer, so the addressed liaison can see it
        await().until(() -> HttpCall.get(port, "/api/referrals/" + ids[0]).as("platform").send().status() == 200);
        return transfer(ids);
    }

    /** A case the case detail already holds (a read model: it follows the events shortly). */
    private Map<String, String> inCaseDetail(String referralId) {
        await().until(() -> HttpCall.get(port, "/api/referrals/" + referralId).as("coordinator").send()
                .status() == 200);
        return referral(referralId);
    }

    /** A case the audit trail already lists (it is a read model: the timeline follows the events shortly). */
    private Map<String, String> inAuditTrail(String[] ids) {
        await().until(() -> HttpCall.get(port, "/api/referrals/" + ids[0] + "/history").as("auditor").send()
                .status() == 200);
        return transfer(ids);
    }

    /** A transfer declined on an unassigned case: all coordinators are told; its notification's id. */
    private Map<String, String> declinedNotification(Fixtures fixtures) {
        String[] ids = fixtures.requested();
        fixtures.liaison(ids, "decline", "{\"reason\": \"out of scope\"}");
        String id = await().until(() -> {
            for (var item : HttpCall.get(port, "/api/notifications").as("coordinator").send().json().get("items")) {
                if (item.get("referralId").asString().equals(ids[0])) {
                    return item.get("notificationId").asString();
                }
            }
            return null;
        }, found -> found != null);
        return Map.of("notificationId", id);
    }

    private static Map<String, String> referral(String referralId) {
        return Map.of("referralId", referralId);
    }

    private static Map<String, String> firstNotice(String[] ids) {
        return Map.of("referralId", ids[0], "transferId", ids[1], "noticeIndex", "0");
    }

    private static Map<String, String> transfer(String[] ids) {
        return Map.of("referralId", ids[0], "transferId", ids[1]);
    }

    private static Row row(String endpoint, Function<Fixtures, Map<String, String>> setup,
                           Function<Map<String, String>, String> body, Map<Caller, Integer> expected) {
        return new Row(endpoint, setup, body, expected);
    }

    /** Only {@code caller} may: everybody else authenticated is forbidden, anonymous callers unauthenticated. */
    private static Map<Caller, Integer> only(Caller caller, int status) {
        return allowed(Map.of(caller, status));
    }

    private static Map<Caller, Integer> allowed(Map<Caller, Integer> allowed) {
        Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
        for (Caller caller : Caller.values()) {
            expected.put(caller, caller == Caller.ANONYMOUS ? 401 : allowed.getOrDefault(caller, 403));
        }
        return expected;
    }

    private static Map<Caller, Integer> everyRole(int status) {
        Map<Caller, Integer> allowed = new LinkedHashMap<>();
        for (Caller caller : Caller.values()) {
            allowed.put(caller, status);
        }
        return allowed(allowed);
    }

    /** The liaison of the addressed partner may; the liaison of another partner is told "not found". */
    private static Map<Caller, Integer> liaison() {
        return allowed(Map.of(Caller.ADDRESSED_LIAISON, 200, Caller.OTHER_LIAISON, 404));
    }
}
