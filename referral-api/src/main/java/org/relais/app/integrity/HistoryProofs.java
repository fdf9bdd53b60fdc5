package org.relais.app.integrity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The proofs an export carries (see {@link EventProof}), so that a third party holding the export, the checkpoints
 * and the public key can check it offline. The head is signed first: what is chained when the export is made is
 * covered by a checkpoint.
 */
@Component
public class HistoryProofs {

    private static final Logger log = LoggerFactory.getLogger(HistoryProofs.class);
    private static final int PER_QUERY = 500;

    private final JdbcTemplate jdbc;
    private final StoredEvents storedEvents;
    private final CheckpointLog checkpointLog;
    private final Checkpointer checkpointer;
    private final SigningKey key;

    HistoryProofs(JdbcTemplate jdbc, StoredEvents storedEvents, CheckpointLog checkpointLog, Checkpointer checkpointer,
                  SigningKey key) {
        this.jdbc = jdbc;
        this.storedEvents = storedEvents;
        this.checkpointLog = checkpointLog;
        this.checkpointer = checkpointer;
        this.key = key;
    }

    /** The proof of each of these events that is chained, by event identifier. */
    public Map<String, EventProof> of(Collection<String> eventIdentifiers) {
        try {
            checkpointer.checkpoint();
        } catch (RuntimeException e) {
            // the export still carries what earlier checkpoints prove
            log.error("Integrity checkpoint before an export failed ({})", e.getClass().getSimpleName());
        }
        List<Entry> entries = entries(eventIdentifiers);
        Map<String, EventProof> proofs = new HashMap<>();
        if (entries.isEmpty()) {
            return proofs;
        }
        Map<String, Long> indexes = new HashMap<>();
        entries.forEach(entry -> indexes.put(entry.eventIdentifier(), entry.globalIndex()));
        Map<String, ChainedEvent> events = storedEvents.read(indexes);
        Map<Long, String> previous = previousHashes(entries);
        TreeMap<Long, Checkpoint> covering = checkpoints();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            ChainedEvent event = events.get(entry.eventIdentifier());
            if (event == null) {
                continue; // not in the event store any more: verification names it, there is nothing to prove
            }
            // the first checkpoint whose count includes this entry
            Map.Entry<Long, Checkpoint> checkpoint = covering.ceilingEntry(entry.position() + 1);
            List<EventProof.Link> then = List.of();
            if (checkpoint != null && entry.version() != ChainVersion1.VERSION) {
                long next = i + 1 < entries.size() ? entries.get(i + 1).position() : Long.MAX_VALUE;
                then = links(entry.position() + 1, Math.min(checkpoint.getKey() - 1, next - 1));
            }
            proofs.put(entry.eventIdentifier(), new EventProof(entry.version(), entry.position(),
                    entry.globalIndex(), previous.get(entry.position()), entry.entryHash(),
                    EventProof.StoredForm.of(event), then,
                    checkpoint == null ? null : checkpoint.getValue()));
        }
        return proofs;
    }

    private record Entry(long position, long globalIndex, String eventIdentifier, String entryHash, int version) {
    }

    private List<Entry> entries(Collection<String> eventIdentifiers) {
        List<String> identifiers = new ArrayList<>(eventIdentifiers);
        List<Entry> entries = new ArrayList<>();
        for (int from = 0; from < identifiers.size(); from += PER_QUERY) {
            List<String> chunk = identifiers.subList(from, Math.min(identifiers.size(), from + PER_QUERY));
            entries.addAll(jdbc.query("SELECT position, global_index, event_identifier, entry_hash, chain_version "
                    + "FROM audit_chain WHERE event_identifier IN (" + placeholders(chunk.size()) + ")",
                    (rs, row) -> new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5)), chunk.toArray()));
        }
        entries.sort(Comparator.comparingLong(Entry::position));
        return entries;
    }

    private Map<Long, String> previousHashes(List<Entry> entries) {
        Map<Long, String> previous = new HashMap<>();
        List<Long> before = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.position() == 0) {
                previous.put(0L, ChainLinks.GENESIS);
            } else {
                before.add(entry.position() - 1);
            }
        }
        for (int from = 0; from < before.size(); from += PER_QUERY) {
            List<Long> chunk = before.subList(from, Math.min(before.size(), from + PER_QUERY));
            jdbc.query("SELECT position, entry_hash FROM audit_chain WHERE position IN ("
                    + placeholders(chunk.size()) + ")", rs -> {
                previous.put(rs.getLong(1) + 1, rs.getString(2));
            }, chunk.toArray());
        }
        return previous;
    }

    private List<EventProof.Link> links(long firstPosition, long lastPosition) {
        if (lastPosition < firstPosition) {
            return List.of();
        }
        return jdbc.query("SELECT global_index, event_digest FROM audit_chain WHERE position BETWEEN ? AND ? "
                        + "ORDER BY position", (rs, row) -> new EventProof.Link(rs.getLong(1), rs.getString(2)),
                firstPosition, lastPosition);
    }

    /** This key's checkpoints by count; of two with one count (instances sharing a log), the first. */
    private TreeMap<Long, Checkpoint> checkpoints() {
        String keyId = CheckpointSignatures.keyId(key.publicKey());
        TreeMap<Long, Checkpoint> byCount = new TreeMap<>();
        try {
            for (Checkpoint checkpoint : checkpointLog.readAll()) {
                if (keyId.equals(checkpoint.keyId())) {
                    byCount.putIfAbsent(checkpoint.entries(), checkpoint);
                }
            }
        } catch (CheckpointLog.MalformedCheckpointException e) {
            return new TreeMap<>(); // an edited log proves nothing; verification names it
        }
        return byCount;
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
