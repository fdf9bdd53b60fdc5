package org.relais.app.messaging;

import java.util.List;
import java.util.function.BiFunction;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.relais.core.api.ActorMetadata;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Stamps every command with who sends it (user, role, partner) and the request's correlation id, taken from the
 * security context, so that handlers can check the actor and every event records it in its metadata.
 */
@Component
class ActorMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>>, SmartInitializingSingleton {


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
                : command.andMetaData(ActorMetadataSource.currentActor());
    }
}
