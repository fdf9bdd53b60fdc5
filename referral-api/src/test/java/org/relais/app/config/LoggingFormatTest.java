package org.relais.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** What {@code relais.logging.format} asks of Spring Boot's structured logging, and what it refuses. */
class LoggingFormatTest {

    private final LoggingFormat format = new LoggingFormat();

    @Test
    void json_is_the_elastic_common_schema_on_the_console_and_in_the_file() {
        MockEnvironment environment = new MockEnvironment().withProperty("relais.logging.format", "json");
        format.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(environment.getProperty("logging.structured.format.file")).isEqualTo("ecs");
    }

    @Test
    void text_or_nothing_leaves_spring_boots_lines() {
        MockEnvironment unset = new MockEnvironment();
        format.postProcessEnvironment(unset, new SpringApplication());
        assertThat(unset.getProperty("logging.structured.format.console")).isNull();
        MockEnvironment text = new MockEnvironment().withProperty("relais.logging.format", "text");
        format.postProcessEnvironment(text, new SpringApplication());
        assertThat(text.getProperty("logging.structured.format.console")).isNull();
    }

    @Test
    void a_structured_format_set_explicitly_wins() {
        MockEnvironment environment = new MockEnvironment().withProperty("relais.logging.format", "json")
                .withProperty("logging.structured.format.console", "logstash");
        format.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
    }

    @Test
    void another_value_stops_the_start_with_the_setting_named() {
        MockEnvironment environment = new MockEnvironment().withProperty("relais.logging.format", "xml");
        assertThatThrownBy(() -> format.postProcessEnvironment(environment, new SpringApplication()))
                .hasMessageContaining("relais.logging.format");
    }
}
