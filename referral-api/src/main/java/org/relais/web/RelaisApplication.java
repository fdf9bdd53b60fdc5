package org.relais.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Relais: referrals of victims to partner organisations, event-sourced. */
@SpringBootApplication(scanBasePackages = {"org.relais.web", "org.relais.projections"})
@ConfigurationPropertiesScan("org.relais.web")
@EnableScheduling
public class RelaisApplication {

    public static void main(String[] args) {
        // Relais makes no outgoing call: Axon's update checker would phone home at start.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(RelaisApplication.class, args);
    }
}
