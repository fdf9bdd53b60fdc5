package org.relais.app.eventstore;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.relais.core.privacy.SafeTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Moves what the embedded SQLite store committed out of its WAL, for the two callers that need it; does nothing on any
 * other database (PostgreSQL).
 *
 * <p>After an erasure: with {@code secure_delete} SQLite zeroes the destroyed key's bytes in the page it rewrites,
 * but the page as it was before (key included) still sits in earlier frames of the -wal file, and in the main file,
 * until a checkpoint copies the new page over it; and a checkpoint only rewinds the WAL, it leaves the old frames in
 * the file. A truncating checkpoint ({@code PRAGMA wal_checkpoint(TRUNCATE)}) copies every frame and cuts the -wal
 * file to zero bytes. It runs on its own thread once the erasing transaction committed (the command's answer does not
 * wait for it), and again a second later while readers keep it from completing. A clean stop truncates too
 * ({@link EmbeddedEventStoreDataSource}).
 *
 * <p>Before an integrity checkpoint is signed: with {@code relais.event-store.durability=process} commits reach the
 * disk only at checkpoints, and a power loss could take back a chain head already signed; a passive checkpoint syncs
 * the WAL first. With the default (power-loss) every commit is already on the disk.
 */
@Component
public class EventStoreCheckpoint implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EventStoreCheckpoint.class);
    private static final int ATTEMPTS = 60;

    private final DataSource dataSource;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-store-checkpoint");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Boolean sqlite;

    EventStoreCheckpoint(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs a truncating checkpoint soon; call it once a transaction that destroyed a data key committed. */
    public void afterErasure() {
        // on the worker: the caller may still hold the pool's only connection (an afterCommit callback does)
        worker.execute(() -> {
            if (isSqlite()) {
                truncate(1);
            }
        });
    }

    /** Forces what was committed to the disk (see the class comment). */
    public void makeCommittedDurable() {
        if (!isSqlite()) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException e) {
            throw new IllegalStateException("the event store's checkpoint failed", e);
        }
    }

    /** Runs {@code PRAGMA wal_checkpoint(TRUNCATE)}; true when it completed (no reader or writer kept it from it). */
    static boolean truncateWal(Statement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            return result.next() && result.getInt(1) == 0;
        }
    }

    private void truncate(int attempt) {
        boolean done;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            done = truncateWal(statement);
        } catch (SQLException | RuntimeException e) {
            log.debug("The event store's checkpoint after an erasure failed: {}", SafeTrace.of(e));
            done = false;
        }
        if (done) {
            return;
        }
        if (attempt < ATTEMPTS) {
            worker.schedule(() -> truncate(attempt + 1), 1, TimeUnit.SECONDS);
        } else {
            log.warn("The event store's WAL could not be emptied after an erasure for {} s; the next erasure or the "
                    + "next clean stop empties it", ATTEMPTS);
        }
    }

    private boolean isSqlite() {
        if (sqlite == null) {
            sqlite = SqliteEventStoreSettings.isSqlite(dataSource);
        }
        return sqlite;
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
