package org.relais.app.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.relais.app.eventstore.SqliteEventStoreSettings;
import org.relais.app.eventstore.SqliteEventStoreSettings.Durability;
import org.relais.app.support.TestDataDirs;
import org.sqlite.SQLiteDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Reference numbers reserved in blocks on the shared counter row, as several instances do. */
class JdbcReferenceAllocatorTest {

    private final DataSource database = migrated();

    @Test
    void two_instances_taking_numbers_at_the_same_time_never_hand_out_the_same_one() throws Exception {
        JdbcReferenceAllocator first = allocator(7);
        JdbcReferenceAllocator second = allocator(7);
        ExecutorService threads = Executors.newFixedThreadPool(6);
        List<Future<Long>> numbers = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            JdbcReferenceAllocator instance = i % 2 == 0 ? first : second;
            numbers.add(threads.submit(() -> instance.nextNumber(Year.of(2026))));
        }
        Set<Long> distinct = new HashSet<>();
        for (Future<Long> number : numbers) {
            distinct.add(number.get());
        }
        threads.shutdown();
        assertThat(distinct).hasSize(600).allMatch(n -> n >= 1);
        long reserved = new JdbcTemplate(database).queryForObject(
                "SELECT last_number FROM referral_reference_counter WHERE reference_year = 2026", Long.class);
        assertThat(reserved).as("one counter update per block, not per number")
                .isBetween(600L, 600L + 2 * 7);
    }

    @Test
    void a_restarted_instance_skips_the_rest_of_its_block_and_years_count_apart() {
        JdbcReferenceAllocator before = allocator(20);
        assertThat(before.nextNumber(Year.of(2026))).isEqualTo(1);
        assertThat(before.nextNumber(Year.of(2026))).isEqualTo(2);
        assertThat(before.nextNumber(Year.of(2027))).isEqualTo(1);

        JdbcReferenceAllocator afterRestart = allocator(20);
        assertThat(afterRestart.nextNumber(Year.of(2026))).isEqualTo(21);
        assertThat(before.nextNumber(Year.of(2026))).as("the old block stays valid for its holder").isEqualTo(3);
    }

    @Test
    void on_sqlite_a_block_is_reserved_in_the_command_transaction_and_forgotten_if_it_rolls_back() throws Exception {
        Path file = TestDataDirs.create("references-sqlite").resolve("events.db");
        SQLiteDataSource sqlite = new SQLiteDataSource(SqliteEventStoreSettings.config(Durability.PROCESS));
        sqlite.setUrl(SqliteEventStoreSettings.jdbcUrl(file));
        Flyway.configure().dataSource(sqlite).locations("classpath:db/migration/sqlite").load().migrate();
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(sqlite);
        JdbcTemplate jdbc = new JdbcTemplate(sqlite);
        JdbcReferenceAllocator allocator = new JdbcReferenceAllocator(jdbc, transactions, 5);
        TransactionTemplate command = new TransactionTemplate(transactions);

        command.executeWithoutResult(status -> {
            assertThat(allocator.nextNumber(Year.of(2026))).as("reserved inside the command's write lock").isEqualTo(1);
            status.setRollbackOnly();
        });
        assertThat(jdbc.queryForList("SELECT last_number FROM referral_reference_counter", Long.class)).isEmpty();

        long kept = command.execute(status -> allocator.nextNumber(Year.of(2026)));
        assertThat(kept).as("the rolled-back block's numbers are handed out again, once").isEqualTo(1);
        assertThat(allocator.nextNumber(Year.of(2026))).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT last_number FROM referral_reference_counter", Long.class)).isEqualTo(5);
    }

    private JdbcReferenceAllocator allocator(int blockSize) {
        return new JdbcReferenceAllocator(new JdbcTemplate(database), new DataSourceTransactionManager(database),
                blockSize);
    }

    private static DataSource migrated() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:references-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration/h2").load().migrate();
        return h2;
    }
}
