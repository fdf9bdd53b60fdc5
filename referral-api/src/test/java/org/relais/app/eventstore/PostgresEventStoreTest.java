package org.relais.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.app.support.ApiClient;
import org.relais.app.support.Intakes;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same engine against PostgreSQL (127.0.0.1:5432, database {@code test}), in a schema of its own that Flyway
 * creates and the test drops. CI always has PostgreSQL and sets CI=true, which makes this test mandatory; on a
 * machine with only a JDK it is skipped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@DirtiesContext
class PostgresEventStoreTest {

    static final String URL = System.getProperty("relais.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("relais.test.postgres-user", "postgres");
    static final String SCHEMA = "relais_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeAll
    static void requirePostgres() {
        org.relais.app.support.PostgresSchema.requirePostgres();
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        } catch (SQLException notReachable) {
            // nothing was created
        }
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.flyway.create-schemas", () -> "true");
        registry.add("relais.privacy.master-key", () -> Base64.getEncoder().encodeToString(new byte[32]));
        registry.add("relais.privacy.integrity-key", () -> Base64.getEncoder().encodeToString(new byte[32]));
        registry.add("relais.privacy.index-key", () -> Base64.getEncoder().encodeToString(new byte[32]));
        registry.add("relais.integrity.signing-key", () -> org.relais.app.support.TestSigningKey.BASE64);
        registry.add("relais.data-dir", () -> TestDataDirs.create("postgres").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Test
    void intake_is_stored_in_postgresql_and_served_by_the_read_side() {
        ApiClient api = new ApiClient(port);

        ApiClient.Response created = api.postJson("/api/referrals", "coordinator",
                Intakes.minorCyberharassment("Nour Postgres"));

        assertThat(created.status()).isEqualTo(201);
        String referralId = created.json().get("referralId").asString();
        assertThat(eventStore.readEvents(referralId).next().getPayload()).isInstanceOf(ReferralReceivedEvent.class);
        ApiClient.Response detail = await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/referrals/" + referralId, "coordinator"), r -> r.status() == 200);
        assertThat(detail.json().get("victim").get("name").asString()).isEqualTo("Nour Postgres");
    }
}
