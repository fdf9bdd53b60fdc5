package org.relais.app.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A schema of its own on the test PostgreSQL (127.0.0.1:5432, database {@code test}), for a test whose subject needs
 * a database with concurrent writers: the embedded SQLite store lets one transaction write at a time. The test is
 * skipped where PostgreSQL is not running, and fails in CI.
 */
public final class PostgresSchema {

    public static final String URL = System.getProperty("relais.test.postgres-url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getProperty("relais.test.postgres-user", "postgres");

    private final String schema = "relais_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    public static void requirePostgres() {
        boolean reachable;
        try (Connection ignored = DriverManager.getConnection(URL, USER, "")) {
            reachable = true;
        } catch (SQLException e) {
            reachable = false;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertThat(reachable).as("PostgreSQL must be running on " + URL + " in CI").isTrue();
        }
        assumeTrue(reachable, "PostgreSQL is not running here");
    }

    /** The application's settings for this schema, with the fixed keys an external database requires. */
    public void register(DynamicPropertyRegistry registry, String dataDirName) {
        String zeros = Base64.getEncoder().encodeToString(new byte[32]);
        registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + schema);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.flyway.create-schemas", () -> "true");
        registry.add("relais.privacy.master-key", () -> zeros);
        registry.add("relais.privacy.integrity-key", () -> zeros);
        registry.add("relais.privacy.index-key", () -> zeros);
        registry.add("relais.integrity.signing-key", () -> TestSigningKey.BASE64);
        registry.add("relais.data-dir", () -> TestDataDirs.create(dataDirName).toString());
    }

    public void drop() {
        try (Connection connection = DriverManager.getConnection(URL, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException notReachable) {
            // nothing was created
        }
    }
}
