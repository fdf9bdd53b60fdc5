package org.relais.app.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relais.core.api.admin.FindProjectionsQuery;
import org.relais.core.api.admin.ProjectionStatusView;
import org.relais.projections.support.ReadSideShape;
import org.relais.app.support.ApiClient;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The current code started on a copy of the data directory written by Relais 0.1.0 (and its key directory): every
 * case is there over HTTP, the audit chain verifies against the checkpoints signed then, a read side whose recorded
 * shape is older is rebuilt from the events, and the record says what the directory holds now. A schema migration
 * that fails halfway leaves the database as it was, migrations applied before it in the same start included, and
 * Relais does not start; the same start without the failing migration applies the other one.
 */
@ExtendWith(OutputCaptureExtension.class)
class UpgradeFromAnOlderDataDirectoryTest {

    private static final String CURRENT_MIGRATIONS = "classpath:db/migration/{vendor}";
    private static final String GOOD = "classpath:upgrade-fixtures/migrations/good";
    private static final String BROKEN = "classpath:upgrade-fixtures/migrations/broken";

    @Test
    void the_current_code_reads_the_0_1_0_data_directory_and_rebuilds_a_read_side_of_an_older_shape(
            CapturedOutput output) throws Exception {
        Path root = TestDataDirs.create("upgrade-0.1.0");
        UpgradeFixtures.copy(UpgradeFixtures.V0_1_0, root);
        Path data = root.resolve("data");
        List<String> cases = Files.readAllLines(root.resolve("cases.txt"));
        assertThat(cases).isNotEmpty();
        // as a version whose read models had an older shape left it
        int olderShape = ReadSideShape.CURRENT - 1;
        UpgradeFixtures.setRecord(data.resolve("events.db"), Map.of(DataRecord.READ_SIDE_SHAPE,
                Integer.toString(olderShape)));

        try (ConfigurableApplicationContext relais = UpgradeFixtures.start(data, root.resolve("keys"))) {
            ApiClient api = new ApiClient(UpgradeFixtures.port(relais));
            QueryGateway queries = relais.getBean(QueryGateway.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> queries.query(new FindProjectionsQuery(),
                    ResponseTypes.multipleInstancesOf(ProjectionStatusView.class)).join(), views -> !views.isEmpty()
                    && views.stream().allMatch(view -> view.caughtUp() && view.lag() == 0));
            for (String referralId : cases) {
                ApiClient.Response detail = api.get("/api/referrals/" + referralId, "coordinator");
                assertThat(detail.status()).as(detail.body()).isEqualTo(200);
            }
            ApiClient.Response list = api.get("/api/referrals", "coordinator");
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.body()).contains(cases);
            JsonNode verification = api.get("/api/audit/verification", "auditor").json();
            assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
            assertThat(verification.get("checkpoint").isNull()).as(verification.toString()).isFalse();
        }

        assertThat(output.getOut()).contains("Read side shape " + olderShape + " -> " + ReadSideShape.CURRENT
                + ": rebuilding from ");
        assertThat(UpgradeFixtures.record(data.resolve("events.db"))).containsEntry(DataRecord.SCHEMA_VERSION,
                        KnownDataFormat.latestMigration(List.of(CURRENT_MIGRATIONS), "sqlite"))
                .containsEntry(DataRecord.READ_SIDE_SHAPE, Integer.toString(ReadSideShape.CURRENT))
                .containsEntry(DataRecord.APPLICATION_VERSION, KnownDataFormat.applicationVersion());
    }

    @Test
    void a_migration_that_fails_leaves_the_database_as_it_was_and_relais_does_not_start(CapturedOutput output)
            throws Exception {
        Path root = TestDataDirs.create("upgrade-failing-migration");
        UpgradeFixtures.copy(UpgradeFixtures.V0_1_0, root);
        Path data = root.resolve("data");
        Path eventStore = data.resolve("events.db");
        String schemaBefore = UpgradeFixtures.record(eventStore).get(DataRecord.SCHEMA_VERSION);
        Map<String, String> recordBefore = UpgradeFixtures.record(eventStore);

        assertThatThrownBy(() -> UpgradeFixtures.start(data, root.resolve("keys"),
                "--spring.flyway.locations=" + String.join(",", CURRENT_MIGRATIONS, GOOD, BROKEN)).close())
                .satisfies(failure -> assertThat(refusal(failure).getMessage())
                        .contains("The schema migration from version " + schemaBefore + " to 15 failed")
                        .contains("rolled back: the database is as it was, at version " + schemaBefore));
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("Relais does not start half migrated")
                .doesNotContain("at org.flywaydb");
        // V14 came before the failing V15 in the same start: rolled back with it
        assertThat(tables(eventStore)).doesNotContain("upgrade_probe", "upgrade_probe_two");
        assertThat(DataDirectoryUpgradeSupport.flywayVersion(eventStore)).isEqualTo(schemaBefore);
        assertThat(UpgradeFixtures.record(eventStore)).isEqualTo(recordBefore);

        try (ConfigurableApplicationContext relais = UpgradeFixtures.start(data, root.resolve("keys"),
                "--spring.flyway.locations=" + String.join(",", CURRENT_MIGRATIONS, GOOD))) {
            assertThat(new ApiClient(UpgradeFixtures.port(relais)).get("/api/referrals", "coordinator").status())
                    .isEqualTo(200);
        }
        assertThat(output.getOut()).contains("Schema version " + schemaBefore + " -> 14: applying 1 migration(s)")
                .contains("Schema version " + schemaBefore + " -> 14: migrated");
        assertThat(tables(eventStore)).contains("upgrade_probe").doesNotContain("upgrade_probe_two");
        assertThat(UpgradeFixtures.record(eventStore)).containsEntry(DataRecord.SCHEMA_VERSION, "14");
    }

    static DataDirectoryRefusal refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataDirectoryRefusal refusal) {
                return refusal;
            }
        }
        throw new AssertionError("not refused by the data directory's check", failure);
    }

    private static List<String> tables(Path eventStore) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + eventStore);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            List<String> names = new java.util.ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }

    /** Flyway's latest applied version, read from the file. */
    private static final class DataDirectoryUpgradeSupport {

        static String flywayVersion(Path eventStore) throws Exception {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + eventStore)) {
                return DataDirectoryUpgrade.flywayVersion(connection).orElseThrow();
            }
        }
    }
}
