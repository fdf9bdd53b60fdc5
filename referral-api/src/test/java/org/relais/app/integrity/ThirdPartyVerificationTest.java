package org.relais.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.app.RelaisApplication;
import org.relais.app.support.ApiClient;
import org.relais.app.support.Intakes;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A third party gets a case's exported history, the checkpoints and the public key, and checks them offline with the
 * jar's {@code verify} command, without any secret: the untouched export is verified; one byte changed in a stored
 * event, or a line saying another actor, is not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class ThirdPartyVerificationTest {

    static final Path DATA_DIR = TestDataDirs.create("third-party");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Path files;
    Path export;
    Path checkpoints;
    String publicKey;

    @BeforeEach
    void anExportedHistory() throws IOException {
        ApiClient api = new ApiClient(port);
        String referralId = api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment("Third party"))
                .json().get("referralId").asString();
        assertThat(api.postJson("/api/referrals/" + referralId + "/triage", "coordinator",
                "{\"riskLevel\": \"HIGH\"}").status()).isEqualTo(200);
        // a read of personal data: an access event, which belongs to no aggregate, comes between the case's events
        await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/referrals/" + referralId, "coordinator").status() == 200);
        assertThat(api.postJson("/api/referrals/" + referralId + "/assignment", "coordinator",
                "{\"coordinator\": \"coordinator\"}").status()).isEqualTo(200);
        long events = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
        await().atMost(Duration.ofSeconds(20)).until(
                () -> jdbc.queryForObject("SELECT COUNT(*) FROM audit_chain", Long.class) >= events);
        JsonNode history = await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/referrals/" + referralId + "/history/export", "auditor").json(),
                lines -> lines.size() >= 3);

        files = TestDataDirs.create("third-party-files");
        export = files.resolve("history.json");
        Files.writeString(export, history.toString());
        ApiClient.Response document = api.get("/api/audit/checkpoints", "auditor");
        assertThat(document.status()).isEqualTo(200);
        checkpoints = files.resolve("checkpoints.json");
        Files.writeString(checkpoints, document.body());
        publicKey = document.json().get("publicKey").asString();
        assertThat(history.findValues("proof")).allSatisfy(proof -> assertThat(proof.isObject()).isTrue());
    }

    @Test
    void the_untouched_export_is_verified_by_the_jar_command_with_the_public_key_alone() throws Exception {
        Verdict verdict = jarVerify("--checkpoints=" + checkpoints, "--export=" + export, "--public-key=" + publicKey);

        assertThat(verdict.exit()).as(verdict.output()).isZero();
        assertThat(verdict.output()).contains("VERIFIED: every event of the export");
    }

    @Test
    void one_byte_changed_in_a_stored_event_of_the_export_is_not_verified() throws Exception {
        ObjectNode first = (ObjectNode) JSON.readTree(Files.readString(export)).get(0);
        ObjectNode event = (ObjectNode) first.get("proof").get("event");
        byte[] payload = Base64.getDecoder().decode(event.get("payload").asString());
        payload[payload.length / 2] ^= 0x01;
        event.put("payload", Base64.getEncoder().encodeToString(payload));
        Path altered = files.resolve("altered.json");
        Files.writeString(altered, replaceFirst(Files.readString(export), first));

        Verdict verdict = jarVerify("--checkpoints=" + checkpoints, "--export=" + altered, "--public-key=" + publicKey);

        assertThat(verdict.exit()).as(verdict.output()).isEqualTo(1);
        assertThat(verdict.output()).contains("NOT VERIFIED")
                .contains("event at global index " + first.get("globalIndex").asLong()
                        + ": its stored form does not give its chain entry");
    }

    @Test
    void a_line_that_names_another_actor_than_the_stored_event_is_not_verified() throws Exception {
        ObjectNode first = (ObjectNode) JSON.readTree(Files.readString(export)).get(0);
        first.put("actorUser", "someone-else");
        Path altered = files.resolve("other-actor.json");
        Files.writeString(altered, replaceFirst(Files.readString(export), first));

        Verdict verdict = verify("--checkpoints=" + checkpoints, "--export=" + altered, "--public-key=" + publicKey);

        assertThat(verdict.exit()).isEqualTo(1);
        assertThat(verdict.output()).contains("the line's actorUser differ from the stored event");
    }

    @Test
    void checkpoints_taken_from_the_log_file_or_signed_by_another_key_are_told_apart() throws Exception {
        Path log = Path.of(DATA_DIR + "-keys", "checkpoints.log");
        assertThat(verify("--checkpoints=" + log, "--export=" + export, "--public-key=" + publicKey).exit())
                .as("the checkpoint log itself, with the public key").isZero();

        String otherKey = Base64.getEncoder().encodeToString(java.security.KeyPairGenerator.getInstance("Ed25519")
                .generateKeyPair().getPublic().getEncoded());
        Verdict forged = verify("--checkpoints=" + log, "--export=" + export, "--public-key=" + otherKey);
        assertThat(forged.exit()).isEqualTo(1);
        assertThat(forged.output()).contains("is not signed by this public key");

        Verdict noKey = verify("--checkpoints=" + log, "--export=" + export);
        assertThat(noKey.exit()).as("no key, and none in a checkpoints document").isEqualTo(2);
        Verdict keyOfTheDocument = verify("--checkpoints=" + checkpoints, "--export=" + export);
        assertThat(keyOfTheDocument.exit()).isZero();
        assertThat(keyOfTheDocument.output()).contains("compare it with the key Relais' operator publishes");
    }

    private static String replaceFirst(String exportText, ObjectNode first) {
        JsonNode lines = JSON.readTree(exportText);
        List<JsonNode> replaced = new ArrayList<>();
        lines.forEach(replaced::add);
        replaced.set(0, first);
        return JSON.writeValueAsString(replaced);
    }

    record Verdict(int exit, String output) {
    }

    /** In this JVM, for the variants. */
    private static Verdict verify(String... args) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = VerifyCommand.run(args, new PrintStream(output, true, StandardCharsets.UTF_8));
        return new Verdict(exit, output.toString(StandardCharsets.UTF_8));
    }

    /** As a third party runs it: the application's main, in a JVM of its own, which starts no Spring. */
    private static Verdict jarVerify(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), RelaisApplication.class.getName(), "verify"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Verdict(process.exitValue(), output);
    }
}
