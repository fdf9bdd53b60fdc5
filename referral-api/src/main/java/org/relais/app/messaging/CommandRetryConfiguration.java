package org.relais.app.messaging;

import java.time.Duration;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command gateway, as Axon's auto-configuration would build it, plus retries of commands that lost a race for
 * their aggregate (see {@link ConflictRetryScheduler}). Races are rare with one instance and routine with several:
 * two coordinators on two instances acting on the same referral at once.
 */
@Configuration(proxyBeanMethods = false)
class CommandRetryConfiguration {

    @Bean
    ConflictRetryScheduler conflictRetryScheduler(@Value("${relais.commands.conflict-retries:5}") int retries,
                                                  @Value("${relais.commands.conflict-backoff:PT0.02S}") Duration backoff) {
        return new ConflictRetryScheduler(retries, backoff);
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ConflictRetryScheduler conflictRetryScheduler) {
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(conflictRetryScheduler).build();
    }
}
