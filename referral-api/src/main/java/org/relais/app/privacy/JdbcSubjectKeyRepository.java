package org.relais.app.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.relais.core.privacy.SubjectKeyRepository;
import org.relais.core.privacy.WrappedKey;
import org.relais.app.eventstore.EventStoreCheckpoint;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Wrapped data keys in the write-side database. The insert joins the command's transaction, so a key exists if
 * and only if the event that uses it was stored.
 */
@Repository
class JdbcSubjectKeyRepository implements SubjectKeyRepository {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final EventStoreCheckpoint checkpoint;
    private final SpringAfterCommit afterCommit = new SpringAfterCommit();

    @Autowired
    JdbcSubjectKeyRepository(JdbcTemplate jdbc, Clock clock, EventStoreCheckpoint checkpoint) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.checkpoint = checkpoint;
    }

    /** Over a copy of the store (a backup), where an erasure needs no checkpoint of the live store. */
    JdbcSubjectKeyRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.checkpoint = null;
    }

    @Override
    public void insert(String subjectId, WrappedKey key) {
        jdbc.update("INSERT INTO subject_key (subject_id, master_key_id, wrapped_key) VALUES (?, ?, ?)",
                subjectId, key.masterKeyId(), key.wrapped());
    }

    @Override
    public Optional<StoredKey> find(String subjectId) {
        return jdbc.query("SELECT master_key_id, wrapped_key, destroyed_at FROM subject_key WHERE subject_id = ?",
                (rs, row) -> rs.getTimestamp("destroyed_at") != null
                        ? new StoredKey(null, true)
                        : new StoredKey(new WrappedKey(rs.getString("master_key_id"), rs.getBytes("wrapped_key")), false),
                subjectId).stream().findFirst();
    }

    @Override
    public List<String> subjectsWrappedBy(String masterKeyId, int limit) {
        return jdbc.queryForList("SELECT subject_id FROM subject_key WHERE master_key_id = ? "
                + "AND destroyed_at IS NULL LIMIT " + limit, String.class, masterKeyId);
    }

    @Override
    public boolean replaceWrapping(String subjectId, String expectedMasterKeyId, WrappedKey replacement) {
        return jdbc.update("UPDATE subject_key SET master_key_id = ?, wrapped_key = ? WHERE subject_id = ? "
                        + "AND master_key_id = ? AND destroyed_at IS NULL", replacement.masterKeyId(),
                replacement.wrapped(), subjectId, expectedMasterKeyId) == 1;
    }

    @Override
    public void destroy(String subjectId) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.update(
                "UPDATE subject_key SET master_key_id = NULL, wrapped_key = NULL, destroyed_at = ? WHERE subject_id = ?",
                now, subjectId);
        if (updated == 0) {
            jdbc.update("INSERT INTO subject_key (subject_id, destroyed_at) VALUES (?, ?)", subjectId, now);
        }
        // the key's former bytes stay in the embedded store's WAL until a checkpoint empties it
        if (checkpoint != null) {
            afterCommit.run(checkpoint::afterErasure);
        }
    }
}
