package org.relais.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.app.support.HttpCall;
import org.relais.app.support.PersonalData;
import org.relais.app.support.TestDataDirs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code relais.logging.format=json} every log line is one JSON object (Elastic Common Schema) that carries the
 * correlation id of the request that caused it: on the request's thread, and on an event processor's thread while
 * it handles an event that request stored. No line holds the personal data the request sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "relais.logging.format=json")
@ActiveProfiles({"demo", "fast-passwords"})
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class StructuredLogsTest {

    /**
     * Logging is one per JVM: put back the text lines the other test classes of this JVM read, whose cached
     * application contexts will not initialise it again.
     */
    @AfterAll
    static void backToTextLines() {
        LoggingSystem logging = LoggingSystem.get(StructuredLogsTest.class.getClassLoader());
        for (LoggingSystemProperty structured : List.of(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT,
                LoggingSystemProperty.FILE_STRUCTURED_FORMAT)) {
            System.clearProperty(structured.getEnvironmentVariableName());
        }
        logging.cleanUp();
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(new StandardEnvironment()), null, null);
    }

    static final Path DATA_DIR = TestDataDirs.create("structured-logs");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PROBE_MESSAGE = "Probe handled a received referral";

    /** An event handler on a streaming processor of its own, that logs a line (no content) for each intake. */
    @TestConfiguration
    static class ProbeConfiguration {
        @Bean
        Probe structuredLogsProbe() {
            return new Probe();
        }
    }

    @ProcessingGroup("structured-logs-probe")
    static class Probe {
        private static final Logger log = LoggerFactory.getLogger(Probe.class);

        @EventHandler
        void on(ReferralReceivedEvent event) {
            log.info(PROBE_MESSAGE);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", DATA_DIR::toString);
        registry.add("relais.backup.dir", () -> DATA_DIR.resolveSibling(DATA_DIR.getFileName() + "-backups")
                .toString());
    }

    @LocalServerPort
    int port;

    @Test
    void log_lines_are_json_objects_carrying_the_request_correlation_id_and_no_personal_data(CapturedOutput output) {
        int start = output.getOut().length();

        HttpCall.Reply intake = HttpCall.post(port, "/api/referrals").as("coordinator")
                .header("X-Request-Id", "intake-7f3a").json(PersonalData.intake()).send();
        assertThat(intake.status()).as(intake.toString()).isEqualTo(201);
        assertThat(intake.header("X-Correlation-Id")).as("X-Request-Id taken as the correlation id")
                .contains("intake-7f3a");
        HttpCall.Reply backup = HttpCall.post(port, "/api/admin/backups").as("admin")
                .header("X-Correlation-Id", "backup-51c2").send();
        assertThat(backup.status()).as(backup.toString()).isEqualTo(201);
        HttpCall.Reply unsafe = HttpCall.get(port, "/actuator/health").header("X-Correlation-Id", "a b\"{}").send();
        assertThat(unsafe.header("X-Correlation-Id")).hasValueSatisfying(id ->
                assertThat(id).matches("[0-9a-f-]{36}").as("a new id instead of an unsafe one"));

        List<JsonNode> lines = await().atMost(Duration.ofSeconds(20)).until(() -> jsonLines(output, start),
                found -> found.stream().anyMatch(line -> PROBE_MESSAGE.equals(line.path("message").asString()))
                        && found.stream().anyMatch(line -> line.path("message").asString().startsWith("Backup ")));

        assertThat(lines).allSatisfy(line -> {
            assertThat(line.has("@timestamp")).as(line.toString()).isTrue();
            assertThat(line.has("message")).as(line.toString()).isTrue();
        });
        assertThat(lines).filteredOn(line -> line.path("message").asString().startsWith("Backup "))
                .as("the backup's line, logged on the request's thread").isNotEmpty()
                .allSatisfy(line -> assertThat(correlationId(line)).isEqualTo("backup-51c2"));
        assertThat(lines).filteredOn(line -> PROBE_MESSAGE.equals(line.path("message").asString()))
                .as("the processor's line for the intake, on a thread of its own")
                .anySatisfy(line -> assertThat(correlationId(line)).isEqualTo("intake-7f3a"));

        String everything = output.getOut() + output.getErr();
        for (String secret : PersonalData.ALL) {
            assertThat(everything).as("no personal data in the log").doesNotContain(secret);
        }
    }

    /** Every line written since {@code start}, each of which must be a JSON object. */
    private static List<JsonNode> jsonLines(CapturedOutput output, int start) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.getOut().substring(start).split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode parsed = JSON.readTree(line);
            assertThat(parsed.isObject()).as(line).isTrue();
            lines.add(parsed);
        }
        return lines;
    }

    /** The MDC's correlation id, as a top-level member (or nested, as some formats write dotted names). */
    private static String correlationId(JsonNode line) {
        return line.path("correlationId").asString(null);
    }
}
