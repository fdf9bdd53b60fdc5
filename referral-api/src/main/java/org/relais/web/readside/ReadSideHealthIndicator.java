package org.relais.web.readside;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether the read side answers. A {@code ping}, because the embedded server does not implement {@code hello},
 * which Boot's own MongoDB indicator sends.
 */
@Component("readSide")
class ReadSideHealthIndicator implements HealthIndicator {

    private final MongoTemplate mongo;

    ReadSideHealthIndicator(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Health health() {
        try {
            Document answer = mongo.executeCommand(new Document("ping", 1));
            return Health.up().withDetail("database", mongo.getDb().getName()).withDetail("ok", answer.get("ok")).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", "the read side does not answer").build();
        }
    }
}
