package org.relais.app.integrity;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.relais.app.topology.SegmentSharing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.relais.app.eventstore.EventStoreCheckpoint;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Signs the chain's head every {@code relais.integrity.checkpoint-interval} and at every clean stop, when it has
 * moved, appends it to the checkpoint log and prints it in the application log (ship that log elsewhere and the
 * checkpoints are out of reach of whoever holds this machine).
 *
 * <p>Every instance signs the head it reads from the shared database into its own log: several witnesses, none of
 * which depends on which instance holds the chain's processor. A head that contradicts the last checkpoint (fewer
 * entries, or another hash at its count) is never signed: signing it would bless a history cut short; an error is
 * logged instead, and verification names the contradiction.
 */
@Component
public class Checkpointer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

    private final JdbcTemplate jdbc;
    private final EventStoreCheckpoint eventStore;
    private final CheckpointLog checkpoints;
    private final SigningKey key;
    private final Clock clock;
    private final String instance;
    private volatile boolean running;
    private volatile String lastRefusal;

    Checkpointer(JdbcTemplate jdbc, CheckpointLog checkpoints, SigningKey key, Clock clock, SegmentSharing instance,
                 EventStoreCheckpoint eventStore) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.checkpoints = checkpoints;
        this.key = key;
        this.clock = clock;
        this.instance = instance.instanceId();
    }

    @Scheduled(fixedDelayString = "${relais.integrity.checkpoint-interval:PT1M}",
            initialDelayString = "${relais.integrity.checkpoint-interval:PT1M}")
    void onSchedule() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            log.error("Integrity checkpoint failed ({}): is {} writable?", e.getClass().getSimpleName(),
                    checkpoints.path());
        }
    }

    /** Signs the head now if it moved: before a backup, so that the copy is covered by a checkpoint. */
    public Optional<Checkpoint> signNow() {
        return checkpoint();
    }

    /** Signs and appends the head if it moved since the last checkpoint; answers the checkpoint written, if any. */
    Optional<Checkpoint> checkpoint() {
        Optional<Checkpoint> written;
        try {
            written = checkpoints.append(last -> next(ChainHead.read(jdbc), last));
        } catch (CheckpointLog.MalformedCheckpointException e) {
            refuse("the checkpoint log's last line is not a checkpoint: the log was edited");
            return Optional.empty();
        }
        written.ifPresent(checkpoint -> log.info("Integrity checkpoint {}", checkpoint.toJsonLine()));
        return written;
    }

    private Optional<Checkpoint> next(ChainHead head, Optional<Checkpoint> last) {
        if (head.entries() == 0) {
            return Optional.empty();
        }
        if (last.isPresent()) {
            Checkpoint previous = last.get();
            if (previous.keyId().equals(CheckpointSignatures.keyId(key.publicKey()))
                    && !previous.signedBy(key.publicKey())) {
                refuse("the checkpoint log's last line does not carry this key's signature: the log was edited");
                return Optional.empty();
            }
            if (head.entries() < previous.entries()) {
                refuse("the chain has " + head.entries() + " entries, fewer than the " + previous.entries()
                        + " of the checkpoint of " + previous.time()
                        + ": its end was cut off or the store rolled back");
                return Optional.empty();
            }
            if (!previous.headHash().equals(hashAt(previous.entries() - 1))) {
                refuse("the chain's entry " + (previous.entries() - 1) + " is not the one the checkpoint of "
                        + previous.time() + " signed: the history was replaced");
                return Optional.empty();
            }
            if (head.entries() == previous.entries()) {
                return Optional.empty();
            }
        }
        lastRefusal = null;
        makeDurable();
        return Optional.of(Checkpoint.sign(head, clock.instant(), instance, key));
    }

    /**
     * With {@code relais.event-store.durability=process} the embedded store's commits reach the disk at its
     * checkpoints only: a power loss could take back a head already signed (and fsynced to the log), which
     * verification would then call a truncation. Before signing, what was committed is forced to the disk.
     */
    private void makeDurable() {
        eventStore.makeCommittedDurable();
    }

    private String hashAt(long position) {
        List<String> hash = jdbc.queryForList("SELECT entry_hash FROM audit_chain WHERE position = ?", String.class,
                position);
        return hash.isEmpty() ? null : hash.get(0);
    }

    /** Logged once per state, not every interval: it stays true until someone looks. */
    private void refuse(String why) {
        if (!why.equals(lastRefusal)) {
            log.error("Integrity checkpoint not signed: {}; run GET /api/audit/verification", why);
            lastRefusal = why;
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** A clean stop signs the final head, once the event processors (stopped before this phase) are done. */
    @Override
    public void stop() {
        running = false;
        try {
            checkpoint();
        } catch (RuntimeException e) {
            log.error("Integrity checkpoint at stop failed ({})", e.getClass().getSimpleName());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After Axon's event processors (phase 1073741823) and before its external connections. */
    @Override
    public int getPhase() {
        return -1000;
    }
}
