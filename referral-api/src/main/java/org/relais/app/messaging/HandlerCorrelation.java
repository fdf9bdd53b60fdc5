package org.relais.app.messaging;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.relais.core.api.ActorMetadata;
import org.slf4j.MDC;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * While a command handler or an event handler runs, the log's {@code correlationId} (MDC) is the correlation id of
 * the request that caused the message, which its metadata carries ({@link ActorMetadata#CORRELATION_ID}), or else
 * Axon's trace id (the first message of the chain, for messages Relais sends itself: deadlines, retention). So a
 * line logged by a read model's processor, on a thread of its own, names the request that caused it.
 */
@Configuration(proxyBeanMethods = false)
class HandlerCorrelation {

    static final String TRACE_ID = "traceId";

    /** Every event processor, streaming or subscribing. */
    @Bean
    ConfigurerModule correlationInEventHandlers() {
        MessageHandlerInterceptor<EventMessage<?>> interceptor = HandlerCorrelation::withCorrelation;
        return configurer -> configurer.eventProcessing()
                .registerDefaultHandlerInterceptor((config, processorName) -> interceptor);
    }

    /** Registered on the bus itself, as the other command interceptors are (a bean would be registered twice). */
    @Bean
    SmartInitializingSingleton correlationInCommandHandlers(CommandBus commandBus) {
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = HandlerCorrelation::withCorrelation;
        return () -> commandBus.registerHandlerInterceptor(interceptor);
    }

    private static Object withCorrelation(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Object given = unitOfWork.getMessage().getMetaData().get(ActorMetadata.CORRELATION_ID);
        if (given == null) {
            given = unitOfWork.getMessage().getMetaData().get(TRACE_ID);
        }
        if (given == null) {
            return chain.proceed();
        }
        String previous = MDC.get(ActorMetadataSource.CORRELATION_MDC_KEY);
        MDC.put(ActorMetadataSource.CORRELATION_MDC_KEY, given.toString());
        try {
            return chain.proceed();
        } finally {
            if (previous == null) {
                MDC.remove(ActorMetadataSource.CORRELATION_MDC_KEY);
            } else {
                MDC.put(ActorMetadataSource.CORRELATION_MDC_KEY, previous);
            }
        }
    }
}
