package org.relais.web.eventstore;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded event store's file close to the size of what it holds.
 *
 * <p>{@code WRITE_DELAY=0} (see {@link WriteSideDataSourceConfiguration}) stops H2's background writer, and with it
 * the housekeeping that rewrites half-empty chunks: every commit appends a chunk, each keeps a few live pages, and
 * the file grew to 26.8 GB for 436 MB of events at 1.2M events (docs/benchmarks.md). This job does that
 * housekeeping on a schedule: it rewrites the live pages of the emptiest chunks into new ones, a few megabytes at a
 * time, so that the old chunks die and H2 reuses their space once its retention time has passed.
 *
 * <p>It only ever calls {@link MVStore#compact(int, int)} and {@link MVStore#commit()}, the two calls H2's own
 * background writer makes: pages are copied, never moved in place, and chunks an open transaction still reads or
 * that are younger than the retention time are never overwritten. It deliberately avoids
 * {@code MVStore.compactFile}, which sets the retention time to zero and lets concurrent readers lose the chunks
 * they are reading. The file itself shrinks only at a clean shutdown ({@code MAX_COMPACT_TIME}).
 *
 * <p>With PostgreSQL (any {@code spring.datasource.url}) it does nothing: the database vacuums itself.
 */
@Component
class EventStoreCompaction {

    private static final Logger log = LoggerFactory.getLogger(EventStoreCompaction.class);

    /** Chunks are rewritten while less than this share of the chunks' bytes is live data. */
    static final int TARGET_FILL_RATE = 80;

    private final DataSource dataSource;
    private final int bytesPerStep;
    private final Duration budget;
    private volatile boolean embedded = true;

    EventStoreCompaction(DataSource dataSource,
                         @Value("${relais.event-store.compaction-step-mb:4}") int stepMegabytes,
                         @Value("${relais.event-store.compaction-budget:PT1S}") Duration budget) {
        this.dataSource = dataSource;
        this.bytesPerStep = stepMegabytes << 20;
        this.budget = budget;
    }

    @Scheduled(fixedDelayString = "${relais.event-store.compaction-interval:PT5S}",
            initialDelayString = "${relais.event-store.compaction-interval:PT5S}")
    void scheduledCompaction() {
        if (!embedded) {
            return;
        }
        try {
            compact();
        } catch (SQLException | RuntimeException e) {
            // the next round tries again; a failed rewrite leaves the old chunks in place
            log.warn("Compacting the event store's file failed: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * Rewrites the emptiest chunks for at most the configured time budget; answers how many steps rewrote something,
     * or empty when the event store is not the embedded H2 file.
     */
    Optional<Integer> compact() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Optional<MVStore> store = mvStore(connection);
            if (store.isEmpty()) {
                embedded = false;
                return Optional.empty();
            }
            MVStore mvStore = store.get();
            long stopAt = System.nanoTime() + budget.toNanos();
            int steps = 0;
            while (!mvStore.isClosed() && mvStore.compact(TARGET_FILL_RATE, bytesPerStep)) {
                mvStore.commit();
                steps++;
                if (System.nanoTime() - stopAt > 0) {
                    break;
                }
            }
            return Optional.of(steps);
        }
    }

    /** The store under an embedded H2 connection; empty for any other database. */
    static Optional<MVStore> mvStore(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)) {
            return Optional.empty();
        }
        if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return Optional.empty(); // a client of an H2 server: the server owns the file
        }
        var h2Store = session.getDatabase().getStore();
        if (h2Store == null || h2Store.getMvStore() == null || h2Store.getMvStore().getFileStore() == null) {
            return Optional.empty(); // an in-memory database
        }
        return Optional.of(h2Store.getMvStore());
    }
}
