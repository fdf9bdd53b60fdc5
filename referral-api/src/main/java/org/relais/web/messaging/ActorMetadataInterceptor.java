package org.relais.web.messaging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.relais.core.api.ActorMetadata;
import org.relais.web.security.Actor;
import org.slf4j.MDC;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Stamps every command with who sends it (user, role, partner) and the request's correlation id, taken from the
 * security context, so that handlers can check the actor and every event records it in its metadata.
 */
@Component
class ActorMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>>, SmartInitializingSingleton {

    static final String CORRELATION_MDC_KEY = "correlationId";

    private final CommandBus commandBus;

    ActorMetadataInterceptor(CommandBus commandBus) {
        this.commandBus = commandBus;
    }

    @Override
    public void afterSingletonsInstantiated() {
        commandBus.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        // Commands sent by Relais itself (deadlines, seeding) name their own actor; leave them as they are.
        return (index, command) -> command.getMetaData().containsKey(ActorMetadata.USER)
                ? command
                : command.andMetaData(actorOfCurrentRequest());
    }

    private static Map<String, Object> actorOfCurrentRequest() {
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
