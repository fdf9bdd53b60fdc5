package org.relais.app.deadlines;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DeadlineConfiguration {

    /**
     * Subscribing, not streaming: the deadline table is written inside the transaction that stores the events, and
     * a failure there fails the command rather than leaving a transfer without a deadline.
     */
    @Bean
    ConfigurerModule transferDeadlinesProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(TransferDeadlineSchedule.PROCESSING_GROUP);
    }
}
