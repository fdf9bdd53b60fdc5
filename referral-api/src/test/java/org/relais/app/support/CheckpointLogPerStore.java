package org.relais.app.support;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tests only. The checkpoint log belongs to one event store: by default it sits in the key directory, which tests
 * share (./keys) while each has a store of its own, and a store would then be checked against another's
 * checkpoints. Unless a test chooses the key directory or the log itself, its log goes beside its data directory
 * (in {@code <data-dir>-keys/}). The placeholder is resolved when the log is created, after a test's dynamic
 * properties are in.
 */
public class CheckpointLogPerStore implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("relais.integrity.checkpoint-log")) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource("checkpoint-log-per-store",
                Map.of("relais.integrity.checkpoint-log",
                        "${relais.key-dir:${relais.data-dir:./data}-keys}/checkpoints.log")));
    }
}
