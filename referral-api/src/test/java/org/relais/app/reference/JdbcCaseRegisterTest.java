package org.relais.app.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.referral.SealedPersonalDetails;
import org.relais.core.referral.CaseRegister.RegisteredCase;
import org.relais.app.eventstore.SqliteEventStoreSettings;
import org.relais.app.eventstore.SqliteEventStoreSettings.Durability;
import org.relais.app.support.TestDataDirs;
import org.sqlite.SQLiteDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The register answers from the write-side tables, including for cases received before it existed. */
class JdbcCaseRegisterTest {

    private static final String EARLIER = "0b6f3c2e-5d1a-4c1e-9f7e-3a2b1c0d9e8f";
    private static final String LATER = "5e2b7f1a-0c3d-4e8f-9a1b-2c3d4e5f6a7b";

    @Test
    void a_case_is_found_by_its_reference_as_read_out_or_by_its_id() {
        JdbcCaseRegister register = new JdbcCaseRegister(new JdbcTemplate(sqliteMigratedTo(null)));
        register.on(received(LATER, "R-2026-000124"));

        RegisteredCase found = new RegisteredCase(LATER, "R-2026-000124", false);
        for (String named : List.of("R-2026-000124", "r-2026-000124", "2026-000124", " R-2026-000124 ", LATER)) {
            assertThat(register.find(named)).as(named).contains(found);
        }
        assertThat(register.find("R-2026-000125")).isEmpty();
        assertThat(register.find("2026-00012")).isEmpty();
    }

    @Test
    void a_case_whose_key_was_destroyed_is_erased() {
        DataSource database = sqliteMigratedTo(null);
        JdbcCaseRegister register = new JdbcCaseRegister(new JdbcTemplate(database));
        register.on(received(LATER, "R-2026-000124"));
        new JdbcTemplate(database).update("INSERT INTO subject_key (subject_id, destroyed_at) VALUES (?, ?)", LATER,
                1_000L);

        assertThat(register.find("R-2026-000124")).contains(new RegisteredCase(LATER, "R-2026-000124", true));
    }

    @Test
    void on_sqlite_the_cases_received_before_the_register_are_taken_from_their_stored_intake() {
        DataSource database = sqliteMigratedTo("8");
        storeIntake(database, EARLIER, "R-2026-000123");
        migrate(database, "sqlite");

        assertThat(new JdbcCaseRegister(new JdbcTemplate(database)).find("R-2026-000123"))
                .contains(new RegisteredCase(EARLIER, "R-2026-000123", false));
    }

    @Test
    void on_a_former_h2_store_too_before_it_is_copied_into_sqlite() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:case-register-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration/h2").target("8").load().migrate();
        storeIntake(h2, EARLIER, "R-2026-000123");
        migrate(h2, "h2");

        assertThat(new JdbcCaseRegister(new JdbcTemplate(h2)).find("2026-000123"))
                .contains(new RegisteredCase(EARLIER, "R-2026-000123", false));
    }

    private static ReferralReceivedEvent received(String referralId, String reference) {
        return new ReferralReceivedEvent(referralId, reference, Channel.PHONE, ReporterRole.VICTIM, AgeBand.ADULT,
                EnumSet.of(Category.CYBERHARASSMENT), new SealedPersonalDetails(referralId, null, null, null, null,
                null, List.of()));
    }

    /**
     * A stored intake as the JSON serializer wrote it before the register existed: under the name of the flat
     * {@code org.relais.core.api} package that every event type lived in then, the name the register's migration
     * reads.
     */
    private static void storeIntake(DataSource database, String referralId, String reference) {
        String payload = "{\"referralId\":\"" + referralId + "\",\"reference\":\"" + reference
                + "\",\"channel\":\"PHONE\",\"reporterRole\":\"VICTIM\",\"ageBand\":\"ADULT\"}";
        new JdbcTemplate(database).update("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, "
                        + "eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp) "
                        + "VALUES (?, 0, 'Referral', ?, ?, ?, '1', ?, '2026-03-02T10:00:00Z')", referralId,
                "e-" + referralId, "{}".getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8),
                "org.relais.core.api.ReferralReceivedEvent");
    }

    private static DataSource sqliteMigratedTo(String target) {
        Path file = TestDataDirs.create("case-register").resolve("events.db");
        SQLiteDataSource sqlite = new SQLiteDataSource(SqliteEventStoreSettings.config(Durability.PROCESS));
        sqlite.setUrl(SqliteEventStoreSettings.jdbcUrl(file));
        var flyway = Flyway.configure().dataSource(sqlite).locations("classpath:db/migration/sqlite");
        (target == null ? flyway : flyway.target(target)).load().migrate();
        return sqlite;
    }

    private static void migrate(DataSource database, String dialect) {
        Flyway.configure().dataSource(database).locations("classpath:db/migration/" + dialect).load().migrate();
    }
}
