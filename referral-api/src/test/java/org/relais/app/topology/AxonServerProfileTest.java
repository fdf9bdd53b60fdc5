package org.relais.app.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.api.Test;
import org.relais.app.support.ApiClient;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The axonserver profile wires events, commands and queries to Axon Server. No Axon Server runs here: the context
 * must still start against an unreachable one, keep the JDBC engine out of the event path, and say in its health
 * that Axon Server cannot be reached.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("axonserver")
class AxonServerProfileTest {

    static final int CLOSED_PORT = closedPort();

    @DynamicPropertySource
    static void unreachableAxonServer(DynamicPropertyRegistry registry) {
        registry.add("axon.axonserver.servers", () -> "127.0.0.1:" + CLOSED_PORT);
        registry.add("relais.data-dir", () -> TestDataDirs.create("axonserver").toString());
        // an administrator to read health details (the demo profile would seed partners through Axon Server)
        registry.add("relais.security.users[0].username", () -> "admin");
        registry.add("relais.security.users[0].role", () -> "ADMIN");
        registry.add("relais.security.users[0].password-hash",
                () -> "$2a$10$YkafD4MUDAybWlpf/3EcKONB7XX9YCTc16Yz4twzwkci.tKLIrMgC");
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void events_commands_and_queries_are_wired_to_axon_server() {
        AxonServerConfiguration configuration = context.getBean(AxonServerConfiguration.class);
        assertThat(configuration.isEnabled()).isTrue();
        assertThat(configuration.getServers()).isEqualTo("127.0.0.1:" + CLOSED_PORT);
        assertThat(configuration.getContext()).isEqualTo("default");
        assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
        assertThat(context.getBeansOfType(EventStorageEngine.class)).as("no JDBC engine on the event path").isEmpty();
        assertThat(context.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
        assertThat(context.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
    }

    @Test
    void health_says_axon_server_is_unreachable() {
        ApiClient.Response response = new ApiClient(port).get("/actuator/health", "admin");

        assertThat(response.status()).isEqualTo(503);
        JsonNode axonServer = response.json().get("components").get("axonServer");
        assertThat(axonServer.get("status").asString()).isEqualTo("DOWN");
        assertThat(axonServer.get("details").get("servers").asString()).isEqualTo("127.0.0.1:" + CLOSED_PORT);
        assertThat(axonServer.get("details").get("connected").asBoolean()).isFalse();
        assertThat(response.json().get("components").get("db").get("status").asString())
                .as("the JDBC side (keys, deadlines, references) is still there").isEqualTo("UP");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
