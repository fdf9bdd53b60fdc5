package org.relais.app.readside;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when no MongoDB URI is configured (under Boot 4's name or the older {@code spring.data.mongodb.uri}). */
class EmbeddedReadSideCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        return isBlank(environment.getProperty("spring.mongodb.uri"))
                && isBlank(environment.getProperty("spring.data.mongodb.uri"));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
