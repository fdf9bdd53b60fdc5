package org.relais.app.config;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code relais.logging.format}: {@code text} (the default, Spring Boot's lines) or {@code json}, one JSON object a
 * line in the Elastic Common Schema (Spring Boot's structured logging, {@code logging.structured.format.console}
 * and {@code .file} set to {@code ecs}), with the MDC's {@code correlationId} as a field. Runs after the
 * configuration files are read, before the logging system starts; a structured format set explicitly wins.
 */
public class LoggingFormat implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "relais.logging.format";
    private static final String STRUCTURED = "ecs";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty(PROPERTY, "text").strip().toLowerCase(Locale.ROOT);
        switch (format) {
            case "text" -> {
            }
            case "json" -> environment.getPropertySources().addLast(new MapPropertySource("relaisLoggingFormat",
                    Map.of("logging.structured.format.console", STRUCTURED,
                            "logging.structured.format.file", STRUCTURED)));
            default -> throw new IllegalStateException(PROPERTY + " must be text or json");
        }
    }

    /** After the configuration files (application.yml, profiles) are in the environment. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
