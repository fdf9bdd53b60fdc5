package org.relais.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relais.app.keys.KeyDirectory;
import org.relais.app.support.ApiClient;
import org.relais.app.support.Intakes;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The chain's head is signed on a schedule into a log in the key directory, printed in the application log, and
 * listed with the public key that checks it, by the format docs/privacy.md gives (checked here with the JDK alone).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "relais.integrity.checkpoint-interval=PT1S")
@ActiveProfiles("demo")
@ExtendWith(OutputCaptureExtension.class)
class CheckpointsTest {

    static final Path DATA_DIR = TestDataDirs.create("checkpoints");
    static final Path KEY_DIR = TestDataDirs.create("checkpoint-keys");

    @DynamicPropertySource
    static void directories(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", DATA_DIR::toString);
        registry.add("relais.key-dir", KEY_DIR::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Checkpointer checkpointer;

    @Test
    void a_moved_head_is_signed_on_schedule_printed_in_the_log_and_listed_with_its_public_key(CapturedOutput output)
            throws Exception {
        ApiClient api = new ApiClient(port);
        assertThat(api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment("Checkpoint"))
                .status()).isEqualTo(201);
        long events = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
        await().atMost(Duration.ofSeconds(20)).until(
                () -> jdbc.queryForObject("SELECT COUNT(*) FROM audit_chain", Long.class) >= events);
        String head = jdbc.queryForObject("SELECT entry_hash FROM audit_chain WHERE position = ?", String.class,
                events - 1);

        JsonNode document = await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/audit/checkpoints", "auditor").json(),
                json -> json.get("checkpoints").size() > 0 && last(json).get("entries").asLong() == events);
        JsonNode checkpoint = last(document);
        assertThat(checkpoint.get("headHash").asString()).isEqualTo(head);
        assertThat(document.get("algorithm").asString()).isEqualTo("Ed25519");

        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                Base64.getDecoder().decode(document.get("publicKey").asString())));
        String signed = "relais-checkpoint-v1\nentries=" + checkpoint.get("entries").asLong()
                + "\nlastGlobalIndex=" + checkpoint.get("lastGlobalIndex").asLong()
                + "\nheadHash=" + checkpoint.get("headHash").asString()
                + "\ntime=" + checkpoint.get("time").asString()
                + "\ninstance=" + checkpoint.get("instance").asString()
                + "\nkeyId=" + checkpoint.get("keyId").asString() + "\n";
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(signed.getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(checkpoint.get("signature").asString()))).isTrue();

        assertThat(output.getOut()).contains("Integrity checkpoint {").contains(checkpoint.get("signature").asString());
        List<String> log = Files.readAllLines(KEY_DIR.resolve("checkpoints.log"));
        assertThat(log.get(log.size() - 1)).contains(checkpoint.get("signature").asString());

        // nothing moved: nothing more to sign
        assertThat(checkpointer.checkpoint()).isEmpty();
        assertThat(Files.readAllLines(KEY_DIR.resolve("checkpoints.log"))).hasSize(log.size());
    }

    @Test
    void the_signing_key_is_generated_in_the_key_directory_readable_by_its_owner_only() throws Exception {
        Path key = KEY_DIR.resolve("signing.key");
        assertThat(key).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        try (var files = Files.walk(DATA_DIR)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).doesNotContain("signing.key",
                    "checkpoints.log");
        }
    }

    @Test
    void the_checkpoint_log_is_in_the_key_directory_unless_configured() {
        Path keys = TestDataDirs.create("default-log");
        CheckpointLog log = new IntegrityConfiguration().checkpointLog(
                new IntegrityProperties(Duration.ofMinutes(1), null, null), new KeyDirectory(keys, null));
        assertThat(log.path()).isEqualTo(keys.toAbsolutePath().resolve("checkpoints.log"));
    }

    @Test
    void only_auditors_read_the_checkpoints() {
        assertThat(new ApiClient(port).get("/api/audit/checkpoints", "coordinator").status()).isEqualTo(403);
    }

    private static JsonNode last(JsonNode document) {
        JsonNode checkpoints = document.get("checkpoints");
        return checkpoints.get(checkpoints.size() - 1);
    }
}
