package org.relais.app.eventstore;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import com.zaxxer.hikari.HikariDataSource;
import org.relais.core.privacy.SafeTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded SQLite event store's pool, which leaves the file tidy at a clean stop: {@code PRAGMA optimize} keeps the
 * query planner's statistics current, and a truncating checkpoint copies every page of the WAL into the main file and
 * empties the WAL, so that no superseded page (an erased key's, say) stays in it (SQLite also removes the WAL when its
 * last connection closes; this makes it explicit and logs a failure).
 */
final class EmbeddedEventStoreDataSource extends HikariDataSource {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedEventStoreDataSource.class);

    @Override
    public void close() {
        if (!isClosed()) {
            try (Connection connection = getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA optimize");
                EventStoreCheckpoint.truncateWal(statement);
            } catch (SQLException | RuntimeException e) {
                log.warn("The event store's closing checkpoint failed ({}); SQLite replays its WAL at the next start",
                        SafeTrace.of(e));
            }
        }
        super.close();
    }
}
