package org.relais.app.topology;

import java.util.Map;

import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether this instance is connected to Axon Server (axonserver profile). Axon ships its own indicator, but its
 * auto-configuration looks for Boot 3's health classes and stays off under Boot 4. DOWN while no connection to the
 * configured servers is up: commands, queries and events all go through it then.
 */
@Component("axonServer")
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
class AxonServerHealthIndicator implements HealthIndicator {

    private final AxonServerConnectionManager connections;
    private final AxonServerConfiguration configuration;

    AxonServerHealthIndicator(AxonServerConnectionManager connections, AxonServerConfiguration configuration) {
        this.connections = connections;
        this.configuration = configuration;
    }

    @Override
    public Health health() {
        String context = connections.getDefaultContext();
        boolean connected;
        try {
            connected = connections.isConnected(context);
        } catch (RuntimeException e) {
            connected = false;
        }
        Map<String, Boolean> contexts = connections.connections();
        return (connected ? Health.up() : Health.down())
                .withDetail("servers", configuration.getServers())
                .withDetail("context", context)
                .withDetail("connected", connected)
                .withDetail("contexts", contexts)
                .build();
    }
}
