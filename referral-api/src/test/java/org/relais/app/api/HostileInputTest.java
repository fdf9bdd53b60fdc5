package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relais.app.support.HttpCall;
import org.relais.app.support.LogCapture;
import org.relais.app.support.PersonalData;

/**
 * What a careless or hostile client may send: each gets the right status and a problem document with its stable
 * code, never a 5xx, never an echo of the personal data sent, and the event store is unchanged afterwards.
 */
@ExtendWith(LogCapture.class)
class HostileInputTest extends ApiTestBase {

    String referralId;
    long before;

    @BeforeEach
    void aTriagedCase() {
        referralId = fixtures().withConsent();
        before = events();
    }

    @Test
    void malformed_json_is_400_and_does_not_echo_what_was_sent() {
        for (String body : new String[] {
                "{\"channel\": \"CHAT\", \"victim\": {\"name\": \"" + PersonalData.VICTIM_NAME + "\"",
                "{\"channel\": \"CHAT\" \"victim\": 1}",
                PersonalData.VICTIM_NAME,
                "",
                "null",
                "[]",
                PersonalData.intake() + " {\"trailing\": \"" + PersonalData.VICTIM_NAME + "\"}",
                "[".repeat(30_000)}) {
            HttpCall.Reply reply = post("/api/referrals").as("coordinator").json(body).send();
            assertProblem(reply, 400, "MALFORMED_REQUEST");
            assertThat(reply.body()).doesNotContain(PersonalData.VICTIM_NAME, "Quillonbarde");
        }
        assertUnchanged();
    }

    @Test
    void wrong_types_and_unknown_enums_are_400() {
        String intake = PersonalData.intake();
        for (String body : new String[] {
                intake.replace("\"CHAT\"", "\"FAX\""),
                intake.replace("\"CHAT\"", "3"),
                intake.replace("\"AGE_11_14\"", "[\"AGE_11_14\"]"),
                intake.replace("[\"CYBERHARASSMENT\", \"NON_CONSENSUAL_IMAGERY\"]", "\"CYBERHARASSMENT\""),
                intake.replace("[\"CYBERHARASSMENT\", \"NON_CONSENSUAL_IMAGERY\"]", "[\"CYBERHARASSMENT\", \"SPAM\"]"),
                intake.replace("{\"name\": \"" + PersonalData.VICTIM_NAME + "\"", "{\"name\": {\"first\": \""
                        + PersonalData.VICTIM_NAME + "\"}"),
                intake.replace("[\"https://social.example/p/123\"]", "{\"url\": 1}")}) {
            HttpCall.Reply reply = post("/api/referrals").as("coordinator").json(body).send();
            assertProblem(reply, 400, "MALFORMED_REQUEST");
            assertThat(reply.body()).doesNotContain("Quillonbarde", "FAX", "SPAM");
        }
        assertProblem(post("/api/referrals/" + referralId + "/triage").as("coordinator")
                .json("{\"riskLevel\": 2}").send(), 400, "MALFORMED_REQUEST");
        assertProblem(post("/api/referrals/" + referralId + "/transfers").as("coordinator")
                .json(Fixtures.PLATFORM_TRANSFER.replace("contentUrls", "victim.passport")).send(), 400,
                "MALFORMED_REQUEST");
        assertProblem(post("/api/referrals/" + referralId + "/transfers").as("coordinator")
                .json(Fixtures.PLATFORM_TRANSFER.replace("\"CONSENT\"", "\"BECAUSE\"")).send(), 400,
                "MALFORMED_REQUEST");
        assertUnchanged();
    }

    @Test
    void missing_and_oversized_fields_are_400_naming_the_field() {
        HttpCall.Reply missing = post("/api/referrals/" + referralId + "/transfers").as("coordinator")
                .json("{\"purpose\": \"CONTENT_REMOVAL\", \"legalBasis\": \"CONSENT\", \"sharedFields\": []}").send();
        assertProblem(missing, 400, "INVALID_INPUT");
        assertThat(missing.json().get("errors").get(0).get("pointer").asString()).isEqualTo("/partnerId");

        String longNarrative = "x".repeat(20_001);
        HttpCall.Reply tooLong = post("/api/referrals").as("coordinator")
                .json(PersonalData.intake().replace(PersonalData.NARRATIVE, longNarrative)).send();
        assertProblem(tooLong, 400, "INVALID_INPUT");
        assertThat(tooLong.body()).contains("narrative").doesNotContain("xxxxxxxx");

        String manyUrls = "[" + "\"https://a.example/x\",".repeat(51) + "\"https://a.example/y\"]";
        assertProblem(post("/api/referrals").as("coordinator")
                .json(PersonalData.intake().replace("[\"https://social.example/p/123\"]", manyUrls)).send(), 400,
                "INVALID_INPUT");
        assertProblem(post("/api/referrals").as("coordinator")
                .json(PersonalData.intake().replace("https://social.example/p/123", "javascript:alert(1)")).send(),
                400, "INVALID_INPUT");
        assertProblem(post("/api/referrals/" + referralId + "/closure").as("coordinator").json("{}").send(), 400,
                "INVALID_INPUT");
        assertProblem(post("/api/referrals/" + referralId + "/reopening").as("coordinator")
                .json("{\"reason\": \"" + "x".repeat(2_001) + "\"}").send(), 400, "INVALID_INPUT");
        assertProblem(post("/api/referrals/" + referralId + "/assignment").as("coordinator")
                .json("{\"coordinator\": \"bob\\r\\nSet-Cookie: x=1\"}").send(), 400, "INVALID_INPUT");
        assertUnchanged();
    }

    @Test
    void bodies_above_the_limit_are_413_before_anything_parses_them() {
        // not JSON at all: a 400 would mean it was parsed
        String huge = "#".repeat(70 * 1024);
        assertProblem(post("/api/referrals").as("coordinator").json(huge).send(), 413, "PAYLOAD_TOO_LARGE");
        // a chunked stream declares no length: it is cut at the limit
        HttpCall.Reply chunked = post("/api/referrals").as("coordinator").body("application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        huge.getBytes(StandardCharsets.UTF_8)))).send();
        assertProblem(chunked, 413, "PAYLOAD_TOO_LARGE");
        // refused before authentication too: an anonymous flood costs no parsing
        assertProblem(post("/api/referrals").json(huge).send(), 413, "PAYLOAD_TOO_LARGE");
        // just under the limit is parsed (and refused for what it says)
        String justUnder = "{\"riskLevel\": \"HIGH\", \"pad\": \"" + "p".repeat(60 * 1024) + "\"}";
        assertThat(post("/api/referrals/" + referralId + "/triage").as("coordinator").json(justUnder).send().status())
                .isEqualTo(200);
        before = events();
        assertUnchanged();
    }

    @Test
    void a_body_of_another_media_type_is_415() {
        for (String type : new String[] {"text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x"}) {
            assertProblem(post("/api/referrals/" + referralId + "/closure").as("coordinator")
                    .body(type, "outcome=RESOLVED").send(), 415, "UNSUPPORTED_MEDIA_TYPE");
        }
        assertUnchanged();
    }

    @Test
    void a_client_that_accepts_no_json_gets_a_406_problem_and_changes_nothing() {
        for (String accept : new String[] {"application/xml", "text/html"}) {
            assertProblem(get("/api/referrals/" + referralId).as("coordinator").header("Accept", accept).send(), 406,
                    "NOT_ACCEPTABLE");
            assertProblem(post("/api/referrals/" + referralId + "/closure").as("coordinator").header("Accept", accept)
                    .json("{\"outcome\": \"RESOLVED\"}").send(), 406, "NOT_ACCEPTABLE");
        }
        assertUnchanged();
    }

    @Test
    void unknown_ids_are_404() {
        String unknown = UUID.randomUUID().toString();
        assertProblem(post("/api/referrals/" + unknown + "/triage").as("coordinator")
                .json("{\"riskLevel\": \"LOW\"}").send(), 404, "NOT_FOUND");
        assertProblem(get("/api/referrals/" + unknown).as("coordinator").send(), 404, "NOT_FOUND");
        assertProblem(post("/api/referrals/" + referralId + "/transfers/" + unknown + "/cancellation")
                .as("coordinator").json("{\"reason\": \"x\"}").send(), 404, "TRANSFER_NOT_FOUND");
        assertProblem(post("/api/referrals/" + referralId + "/transfers/" + unknown + "/acknowledgement")
                .as("platform").send(), 404, "TRANSFER_NOT_FOUND");
        assertProblem(post("/api/partners/no-such-partner/suspension").as("admin")
                .json("{\"reason\": \"x\"}").send(), 404, "NOT_FOUND");
        assertProblem(get("/api/partners/no-such-partner").as("admin").send(), 404, "NOT_FOUND");
        assertProblem(post("/api/referrals/" + referralId + "/transfers").as("coordinator")
                .json(Fixtures.PLATFORM_TRANSFER.replace("demo-platform", "no-such-partner")).send(), 404,
                "PARTNER_NOT_FOUND");
        assertProblem(get("/api/nothing-here").as("coordinator").send(), 404, "NOT_FOUND");
        assertUnchanged();
    }

    @Test
    void malformed_ids_are_400() {
        for (String id : new String[] {"abc$def", "%00", "a%20b", "x".repeat(65), "%C3%A9t%C3%A9", "'%20OR%201=1"}) {
            HttpCall.Reply reply = post("/api/referrals/" + id + "/triage").as("coordinator")
                    .json("{\"riskLevel\": \"LOW\"}").send();
            assertThat(reply.status()).as(id + " " + reply).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        assertProblem(post("/api/partners").as("admin")
                .json("{\"partnerId\": \"Bad Id!\", \"name\": \"x\", \"kind\": \"OTHER\"}").send(), 400,
                "INVALID_INPUT");
        assertProblem(get("/api/referrals?page=abc").as("coordinator").send(), 400, "INVALID_INPUT");
        assertProblem(get("/api/referrals?size=100000").as("coordinator").send(), 400, "INVALID_INPUT");
        assertProblem(get("/api/referrals?status=OPEN").as("coordinator").send(), 400, "INVALID_INPUT");
        assertUnchanged();
    }

    @Test
    void path_tricks_are_400_or_404_problems() {
        for (String path : new String[] {"/api/referrals/..%2f..", "/api/referrals/%2e%2e/%2e%2e/actuator/env",
                "/api/referrals/" + referralId + "%2f..%2ftriage", "/api/referrals;jsessionid=1",
                "/api//referrals", "/api/referrals/%252e%252e", "/api/referrals/" + referralId + "/..;/triage",
                "/api/referrals/%5c..%5c", "/api/%0d%0aSet-Cookie:x=1"}) {
            HttpCall.Reply reply = get(path).as("coordinator").send();
            assertThat(reply.status()).as(path + " " + reply).isIn(400, 404);
            assertThat(reply.contentType()).as(path + " " + reply).startsWith("application/problem+json");
            assertThat(reply.body()).doesNotContain("Exception", "Tomcat", "java.");
        }
        assertUnchanged();
    }

    @Test
    void bad_headers_are_400() throws IOException {
        for (String key : new String[] {"has space", "x".repeat(129), "é", "a,b"}) {
            assertProblem(post("/api/referrals/" + referralId + "/triage").as("coordinator")
                    .header("Idempotency-Key", key).json("{\"riskLevel\": \"LOW\"}").send(), 400, "INVALID_INPUT");
        }
        for (String version : new String[] {"abc", "\"1\", \"2\"", "-1", "99999999999999999999"}) {
            assertProblem(post("/api/referrals/" + referralId + "/triage").as("coordinator")
                    .header("If-Match", version).json("{\"riskLevel\": \"LOW\"}").send(), 400, "INVALID_INPUT");
        }
        // a header line broken by a bare CR or LF, which a client library would refuse to send
        String raw = rawRequest("POST /api/referrals/" + referralId + "/triage HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Basic Y29vcmRpbmF0b3I6Y29vcmRpbmF0b3I=\r\nContent-Type: application/json\r\n"
                + "Idempotency-Key: abc\rInjected: yes\r\nContent-Length: 21\r\nConnection: close\r\n\r\n"
                + "{\"riskLevel\": \"LOW\"}");
        assertThat(raw).startsWith("HTTP/1.1 400");
        assertThat(raw).doesNotContain("Injected", "Tomcat");
        assertUnchanged();
    }

    @Test
    void other_methods_are_405() {
        assertProblem(HttpCall.method("PUT", port, "/api/referrals/" + referralId).as("coordinator").json("{}")
                .send(), 405, "METHOD_NOT_ALLOWED");
        assertProblem(HttpCall.method("DELETE", port, "/api/referrals/" + referralId).as("coordinator").send(), 405,
                "METHOD_NOT_ALLOWED");
        assertProblem(HttpCall.method("GET", port, "/api/referrals/" + referralId + "/closure").as("coordinator")
                .send(), 405, "METHOD_NOT_ALLOWED");
        assertUnchanged();
    }

    @Test
    void the_servlet_error_path_answers_problems_without_details() {
        HttpCall.Reply error = get("/error").send();
        assertThat(error.status()).isGreaterThanOrEqualTo(400);
        assertThat(error.contentType()).startsWith("application/problem+json");
        assertThat(error.body()).doesNotContain("trace", "exception", "Exception");
        HttpCall.Reply unknownPage = get("/no/such/page").as("coordinator").send();
        assertThat(unknownPage.status()).isEqualTo(404);
        assertThat(unknownPage.contentType()).startsWith("application/problem+json");
    }

    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private void assertUnchanged() {
        assertThat(events()).as("events stored").isEqualTo(before);
    }
}
