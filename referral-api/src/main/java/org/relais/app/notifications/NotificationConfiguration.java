package org.relais.app.notifications;

import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("spring.mail.host")
class NotificationConfiguration {

    /** Subscribing, so that the outbox row commits with the events that call for it. */
    @Bean
    ConfigurerModule mailOutboxProcessor() {
        return configurer -> configurer.eventProcessing().registerSubscribingEventProcessor(MailOutbox.PROCESSING_GROUP);
    }
}
