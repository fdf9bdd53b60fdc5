package org.relais.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.admin.RebuildProgressView;
import org.relais.projections.rebuild.ProjectionRebuilder;
import org.relais.projections.support.BatchProjection;
import org.relais.projections.support.CollectionSet;
import org.relais.app.support.HttpCall;
import org.relais.app.support.PersonalData;
import org.relais.app.support.TestDataDirs;
import org.relais.app.support.UiLogin;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A failure whose exception message quotes what someone typed (a page's parameter, a document's value) reaches the
 * log as its types and frames, never its message: the failing page of the web UI and a failing projection rebuild,
 * through the real application, with every log line captured.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "fast-passwords"})
@Import(FailuresLogNoInputTest.Failing.class)
class FailuresLogNoInputTest {

    static final String TYPED = PersonalData.GUARDIAN;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("failure-logs").toString());
    }

    /** A page and a read model that fail with what they were given in the exception's message, as bugs do. */
    @TestConfiguration
    static class Failing {

        @Bean
        FailingPage failingPage() {
            return new FailingPage();
        }

        @Bean
        BatchProjection failingProjection() {
            return new BatchProjection() {
                @Override
                public String name() {
                    return "failing-for-test";
                }

                @Override
                public List<String> collections() {
                    return List.of("failing_for_test");
                }

                @Override
                public void apply(List<? extends EventMessage<?>> events, CollectionSet target) {
                    throw new IllegalStateException("cannot apply the document of " + TYPED);
                }

                @Override
                public void declareIndexes(CollectionSet target) {
                }
            };
        }
    }

    @Controller
    static class FailingPage {

        @GetMapping("/ui/failing-for-test")
        String fail(@RequestParam String text) {
            throw new IllegalStateException("could not show " + text);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    ProjectionRebuilder rebuilder;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureTheLog() {
        log.start();
        root().addAppender(log);
    }

    @AfterEach
    void releaseTheLog() {
        root().detachAppender(log);
        log.stop();
    }

    @Test
    void a_failing_page_logs_its_incident_and_exception_type_but_not_what_was_typed() {
        String session = UiLogin.session(port, "coordinator");

        HttpCall.Reply page = HttpCall.get(port, "/ui/failing-for-test?text="
                + URLEncoder.encode(TYPED, StandardCharsets.UTF_8)).header("Cookie", session).send();

        assertThat(page.status()).isEqualTo(500);
        assertThat(page.body()).doesNotContain(TYPED, "IllegalStateException");
        Matcher incident = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                .matcher(page.body());
        assertThat(incident.find()).as("the page gives an incident id").isTrue();
        assertThat(lines()).noneMatch(line -> line.contains(TYPED) || line.contains("Quillonbarde"));
        assertThat(lines()).anySatisfy(line -> assertThat(line).contains(incident.group(), "IllegalStateException",
                "FailingPage.fail"));
    }

    @Test
    void a_failing_rebuild_logs_the_exception_type_but_not_the_data_its_message_quotes() {
        rebuilder.start("failing-for-test");

        RebuildProgressView failed = await().until(() -> rebuilder.progress("failing-for-test").orElseThrow(),
                progress -> "FAILED".equals(progress.state()));

        assertThat(failed.failure()).isEqualTo("IllegalStateException");
        assertThat(lines()).noneMatch(line -> line.contains(TYPED) || line.contains("Quillonbarde"));
        assertThat(lines()).anySatisfy(line -> assertThat(line).contains("Rebuild of failing-for-test failed",
                "IllegalStateException"));
    }

    /** Each captured event as a reader of the log file would see it: message, exceptions and their messages. */
    private List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(log.list)) {
            StringBuilder line = new StringBuilder(event.getFormattedMessage());
            for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
                line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
