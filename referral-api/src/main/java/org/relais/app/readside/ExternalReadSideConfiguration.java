package org.relais.app.readside;

import com.mongodb.ConnectionString;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Honours the pre-Boot-4 property {@code spring.data.mongodb.uri} when {@code spring.mongodb.uri} is not set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.data.mongodb.uri")
class ExternalReadSideConfiguration {

    @Bean
    MongoConnectionDetails legacyMongoConnectionDetails(Environment environment) {
        String uri = environment.getProperty("spring.mongodb.uri");
        ConnectionString connection = new ConnectionString(
                uri != null && !uri.isBlank() ? uri : environment.getRequiredProperty("spring.data.mongodb.uri"));
        return () -> connection;
    }
}
