package org.relais.web.eventstore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import com.zaxxer.hikari.HikariDataSource;
import org.relais.core.privacy.SafeTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded H2 event store's pool, which rewrites the whole file at a clean stop when a data key was destroyed
 * since the last such rewrite. H2's file is copy-on-write: an erased case's wrapped data key, as stored before the
 * erasure, stays in superseded pages until their chunk is rewritten, and the bounded compaction of an ordinary stop
 * ({@code MAX_COMPACT_TIME}) may not reach it in a large file. {@code SHUTDOWN COMPACT} rewrites every live page into
 * a fresh file, so after a clean stop no file of the data directory holds an erased key's bytes. It costs a full
 * rewrite, so it runs only when something was erased; the count of destroyed keys at the last rewrite is kept beside
 * the store ({@value #MARKER}).
 */
final class EmbeddedEventStoreDataSource extends HikariDataSource {

    static final String MARKER = "events.destroyed-keys-compacted";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedEventStoreDataSource.class);

    private final Path marker;

    EmbeddedEventStoreDataSource(Path dataDirectory) {
        this.marker = dataDirectory.resolve(MARKER);
    }

    @Override
    public void close() {
        if (!isClosed()) {
            try {
                compactIfKeysWereDestroyed();
            } catch (SQLException | IOException | RuntimeException e) {
                log.warn("The full compaction of the event store after an erasure failed ({}); it is tried again at "
                        + "the next clean stop", SafeTrace.of(e));
            }
        }
        super.close();
    }

    private void compactIfKeysWereDestroyed() throws SQLException, IOException {
        long destroyed;
        try (Connection connection = getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "SELECT COUNT(*) FROM subject_key WHERE destroyed_at IS NOT NULL")) {
                rs.next();
                destroyed = rs.getLong(1);
            }
            if (destroyed <= compactedAt()) {
                return;
            }
            log.info("Rewriting the event store's file so that no erased key survives in it ({} keys destroyed)",
                    destroyed);
            statement.execute("SHUTDOWN COMPACT");
        }
        Files.writeString(marker, Long.toString(destroyed), StandardCharsets.US_ASCII);
    }

    private long compactedAt() throws IOException {
        if (!Files.exists(marker)) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(marker, StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException unreadable) {
            return 0;
        }
    }
}
