package org.relais.app.privacy;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PrivacyProcessingConfiguration {

    /** Subscribing: the key is destroyed in the transaction that records the erasure, or neither happens. */
    @Bean
    ConfigurerModule personalDataErasureProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(PersonalDataErasure.PROCESSING_GROUP);
    }
}
