package org.relais.app.reference;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CaseRegisterConfiguration {

    /** Subscribing: a case's reference row commits with its intake, or neither does. */
    @Bean
    ConfigurerModule caseRegisterProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(JdbcCaseRegister.PROCESSING_GROUP);
    }
}
