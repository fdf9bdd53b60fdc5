package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.relais.app.support.HttpCall;
import org.relais.app.support.OpenApiContract;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The HTTP API tests share one application (demo profile, real Tomcat, SQLite file, embedded MongoDB) on one fresh data
 * directory, with the demo users hashed at a cheap BCrypt cost (application-fast-passwords.yml): the same
 * configuration, so Spring's test context cache starts it once for all of them. Each test makes its own cases and
 * partners, and counts events relative to its own start.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "fast-passwords"})
abstract class ApiTestBase {

    static final Path DATA_DIR = TestDataDirs.create("http-api");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", DATA_DIR::toString);
        registry.add("relais.backup.dir", () -> DATA_DIR.resolveSibling(DATA_DIR.getFileName() + "-backups").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private static final Map<Integer, OpenApiContract> CONTRACTS = new ConcurrentHashMap<>();
    private final List<String> contractViolations = new CopyOnWriteArrayList<>();
    private AutoCloseable contractCheck;

    /**
     * Every answer of an API endpoint the document describes is checked against the OpenAPI document, in every HTTP
     * test: a test fails on a violation. Requests to paths or methods the document does not list (a hostile request
     * aimed at no endpoint) are left out: their answer is the framework's, not the contract's.
     */
    @BeforeEach
    void checkAnswersAgainstTheDocument() {
        OpenApiContract contract = CONTRACTS.computeIfAbsent(port,
                any -> new OpenApiContract(HttpCall.get(port, "/v3/api-docs").send().body()));
        contractCheck = HttpCall.observe((method, uri, reply) -> {
            if (uri.getPort() == port && uri.getPath().startsWith("/api/") && contract.describes(method, uri)) {
                contractViolations.addAll(contract.violations(method, uri, reply));
            }
        });
    }

    @AfterEach
    void noAnswerDiffersFromTheDocument() throws Exception {
        contractCheck.close();
        assertThat(contractViolations).as("answers that differ from the OpenAPI document").isEmpty();
    }

    Fixtures fixtures() {
        return new Fixtures(port);
    }

    HttpCall get(String path) {
        return HttpCall.get(port, path);
    }

    HttpCall post(String path) {
        return HttpCall.post(port, path);
    }

    long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    /**
     * Sends {@code request} twice with one {@code Idempotency-Key}, as a client retrying after a lost answer would:
     * the first stores one event, the second answers the same (status and body) and stores nothing. The first
     * answer, for the caller's own checks.
     */
    HttpCall.Reply sentTwiceWithOneKey(Supplier<HttpCall> request, String key) {
        long before = events();
        HttpCall.Reply first = request.get().header("Idempotency-Key", key).send();
        assertThat(first.status()).as(first.toString()).isBetween(200, 201);
        assertThat(events()).as("events stored by the first request").isEqualTo(before + 1);
        HttpCall.Reply again = request.get().header("Idempotency-Key", key).send();
        assertThat(again.status()).as(again.toString()).isEqualTo(first.status());
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(events()).as("events stored by the replay").isEqualTo(before + 1);
        return first;
    }

    /** {@code request} with an {@code If-Match} the aggregate has moved past: 409 VERSION_CONFLICT, nothing stored. */
    void assertStaleVersionRefused(HttpCall request, String staleVersion) {
        long before = events();
        assertProblem(request.header("If-Match", staleVersion).send(), 409, "VERSION_CONFLICT");
        assertThat(events()).as("events stored by a stale request").isEqualTo(before);
    }

    static void assertProblem(HttpCall.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.contentType()).as(reply.toString()).startsWith("application/problem+json");
        assertThat(reply.text("code")).as(reply.toString()).isEqualTo(code);
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
        assertThat(reply.body()).doesNotContain("Exception", "java.", "org.relais", "at org.", "tools.jackson");
    }
}
