package org.relais.app.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.relais.core.api.ActorMetadata;
import org.relais.app.security.Actor;
import org.slf4j.MDC;

/** The metadata naming who acts in the current request, for commands and for events published directly. */
public final class ActorMetadataSource {

    static final String CORRELATION_MDC_KEY = "correlationId";

    private ActorMetadataSource() {
    }

    public static Map<String, Object> currentActor() {
        Map<String, Object> actor = new HashMap<>();
        Optional<Actor> caller = Actor.current();
        if (caller.isPresent()) {
            actor.put(ActorMetadata.USER, caller.get().username());
            actor.put(ActorMetadata.ROLE, caller.get().role().name());
            if (caller.get().partnerId() != null) {
                actor.put(ActorMetadata.PARTNER, caller.get().partnerId());
            }
        } else {
            actor.put(ActorMetadata.USER, "system");
            actor.put(ActorMetadata.ROLE, "SYSTEM");
        }
        String correlationId = MDC.get(CORRELATION_MDC_KEY);
        if (correlationId != null) {
            actor.put(ActorMetadata.CORRELATION_ID, correlationId);
        }
        return actor;
    }
}
