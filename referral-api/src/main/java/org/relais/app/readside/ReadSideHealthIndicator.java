package org.relais.app.readside;

import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether the read side answers. A {@code ping}, because the embedded server does not implement {@code hello},
 * which Boot's own MongoDB indicator sends; the embedded server answers a ping even when its file has failed, so
 * that is asked of its store directly. A failed file is reopened by the store itself, which turns this UP again.
 */
@Component("readSide")
class ReadSideHealthIndicator implements HealthIndicator {

    private final MongoTemplate mongo;
    private final ObjectProvider<EmbeddedReadSideStore> embedded;

    ReadSideHealthIndicator(MongoTemplate mongo, ObjectProvider<EmbeddedReadSideStore> embedded) {
        this.mongo = mongo;
        this.embedded = embedded;
    }

    @Override
    public Health health() {
        EmbeddedReadSideStore store = embedded.getIfAvailable();
        if (store != null && store.failed()) {
            return Health.down().withDetail("error", "the embedded read side's file failed ("
                    + store.failureReason() + "); it is being reopened, and the read models resume from the "
                    + "processors' stored positions").build();
        }
        try {
            Document answer = mongo.executeCommand(new Document("ping", 1));
            return Health.up().withDetail("database", mongo.getDb().getName()).withDetail("ok", answer.get("ok")).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", "the read side does not answer").build();
        }
    }
}
