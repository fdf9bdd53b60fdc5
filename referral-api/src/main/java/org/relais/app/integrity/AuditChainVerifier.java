package org.relais.app.integrity;

import static org.relais.app.integrity.ChainVerification.Reason.CHECKPOINT_INVALID;
import static org.relais.app.integrity.ChainVerification.Reason.DIVERGED;
import static org.relais.app.integrity.ChainVerification.Reason.ENTRY_ALTERED;
import static org.relais.app.integrity.ChainVerification.Reason.ENTRY_MISSING;
import static org.relais.app.integrity.ChainVerification.Reason.EVENT_ALTERED;
import static org.relais.app.integrity.ChainVerification.Reason.EVENT_MISSING;
import static org.relais.app.integrity.ChainVerification.Reason.EVENT_NOT_SEALED;
import static org.relais.app.integrity.ChainVerification.Reason.ROLLED_BACK;
import static org.relais.app.integrity.ChainVerification.Reason.TRUNCATED;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.relais.projections.support.EventPositions;
import org.relais.projections.support.Events;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Checks the history three ways.
 * <ol>
 *   <li>The chain alone, in order: each entry must follow from the one before (version 2 from the event digest it
 *   keeps; version 1 from the stored row it names, with the integrity key).</li>
 *   <li>The event stream, as any event store delivers it: each chained event must still give the digest its entry
 *   keeps, each chained event must still be there, and every event, chained or not yet (the lag), must give its seal
 *   by value.</li>
 *   <li>The signed checkpoints, kept outside the database: the chain must contain the history each of them signed,
 *   which is what a store cut short or put back to an older copy cannot do.</li>
 * </ol>
 */
@Component
public class AuditChainVerifier {

    private static final int PAGE = 1_000;
    private static final int STREAM_WAIT_SECONDS = 5;

    private final JdbcTemplate jdbc;
    private final EventStore eventStore;
    private final Serializer serializer;
    private final EventPositions positions;
    private final EventSeals seals;
    private final CheckpointLog checkpointLog;
    private final SigningKey key;

    AuditChainVerifier(JdbcTemplate jdbc, EventStore eventStore, @Qualifier("eventSerializer") Serializer serializer,
                       EventPositions positions, EventSeals seals, CheckpointLog checkpointLog, SigningKey key) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.serializer = serializer;
        this.positions = positions;
        this.seals = seals;
        this.checkpointLog = checkpointLog;
        this.key = key;
    }

    public ChainVerification verify() {
        List<Checkpoint> checkpoints;
        try {
            checkpoints = checkpointLog.readAll();
        } catch (CheckpointLog.MalformedCheckpointException e) {
            return ChainVerification.broken(0, null, CHECKPOINT_INVALID, ChainHead.read(jdbc), 0, null);
        }
        // checkpoints signed by an earlier key cannot be checked with this one: they are left aside
        String keyId = CheckpointSignatures.keyId(key.publicKey());
        List<Checkpoint> ours = checkpoints.stream().filter(checkpoint -> keyId.equals(checkpoint.keyId())).toList();
        for (Checkpoint checkpoint : ours) {
            if (!checkpoint.signedBy(key.publicKey())) {
                return ChainVerification.broken(0, null, CHECKPOINT_INVALID, ChainHead.read(jdbc), 0, checkpoint);
            }
        }
        Walk walk = new Walk(ours);
        Optional<ChainVerification> broken = walk.chain();
        if (broken.isEmpty()) {
            broken = walk.events();
        }
        if (broken.isEmpty()) {
            broken = walk.checkpoints();
        }
        return broken.orElseGet(() -> new ChainVerification(true, walk.checked, null, null, walk.head(), walk.lag,
                walk.latestCheckpoint()));
    }

    private record ChainRow(long position, long globalIndex, String eventIdentifier, String entryHash,
                            String eventDigest, int version) {
    }

    private record Seal(String seal, int version) {
    }

    /** One verification's state: what the chain walk learnt, for the event walk and the checkpoints. */
    private final class Walk {

        private final List<Checkpoint> checkpoints;
        private final Set<Long> checkpointCounts;
        private final Map<Long, String> hashAtCount = new HashMap<>();
        private final BitSet matched = new BitSet();
        private long checked;
        private long lag;
        private String headHash = ChainLinks.GENESIS;
        private Long lastGlobalIndex;

        Walk(List<Checkpoint> checkpoints) {
            this.checkpoints = checkpoints;
            this.checkpointCounts = checkpoints.stream().map(Checkpoint::entries).collect(Collectors.toSet());
        }

        ChainHead head() {
            return new ChainHead(checked, lastGlobalIndex, headHash);
        }

        Checkpoint latestCheckpoint() {
            return checkpoints.stream().max(Comparator.comparingLong(Checkpoint::entries)
                    .thenComparing(Checkpoint::time)).orElse(null);
        }

        Optional<ChainVerification> chain() {
            for (long from = 0; ; from += PAGE) {
                List<ChainRow> rows = jdbc.query("SELECT position, global_index, event_identifier, entry_hash, "
                        + "event_digest, chain_version FROM audit_chain WHERE position >= ? ORDER BY position "
                        + "LIMIT " + PAGE, (rs, n) -> new ChainRow(rs.getLong(1), rs.getLong(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6)), from);
                Map<Long, LegacyRow> legacy = legacyRows(rows);
                for (ChainRow row : rows) {
                    Optional<ChainVerification> broken = follow(row, legacy);
                    if (broken.isPresent()) {
                        return broken;
                    }
                }
                if (rows.size() < PAGE) {
                    return Optional.empty();
                }
            }
        }

        private Optional<ChainVerification> follow(ChainRow row, Map<Long, LegacyRow> legacy) {
            if (row.position() != checked) {
                return fail(row.globalIndex(), ENTRY_MISSING);
            }
            if (row.version() == ChainVersion1.VERSION) {
                LegacyRow stored = legacy.get(row.globalIndex());
                if (stored == null) {
                    return fail(row.globalIndex(), EVENT_MISSING);
                }
                if (!stored.eventIdentifier().equals(row.eventIdentifier())
                        || !stored.entryHash().apply(headHash).equals(row.entryHash())) {
                    return fail(row.globalIndex(), EVENT_ALTERED);
                }
                // its content was checked over the row: the event walk only has to check its seal
                matched.set((int) row.position());
            } else if (row.eventDigest() == null
                    || !ChainLinks.link(headHash, row.globalIndex(), row.eventDigest()).equals(row.entryHash())) {
                return fail(row.globalIndex(), ENTRY_ALTERED);
            }
            headHash = row.entryHash();
            lastGlobalIndex = row.globalIndex();
            checked++;
            if (checkpointCounts.contains(checked)) {
                hashAtCount.put(checked, headHash);
            }
            return Optional.empty();
        }

        /**
         * The events as the JDBC store keeps them, by identifier. The event stream delivers an event of an older
         * revision as the upcasters make it, which is not what was chained and sealed; the stored row is. Empty when
         * the events are stored elsewhere (Axon Server), where the stream's form is taken.
         */
        private Map<String, ChainedEvent> storedForms(Collection<Long> globalIndexes) {
            Map<String, ChainedEvent> found = new HashMap<>();
            if (globalIndexes.isEmpty()) {
                return found;
            }
            jdbc.query("SELECT " + ChainVersion1.EVENT_COLUMNS + " FROM DomainEventEntry WHERE globalIndex IN ("
                    + placeholders(new ArrayList<>(globalIndexes)) + ")", rs -> {
                ChainedEvent event = ChainedEvent.ofStoredRow(rs);
                found.put(event.eventIdentifier(), event);
            }, globalIndexes.toArray());
            return found;
        }

        private Map<Long, LegacyRow> legacyRows(List<ChainRow> rows) {
            List<Long> indexes = rows.stream().filter(row -> row.version() == ChainVersion1.VERSION)
                    .map(ChainRow::globalIndex).toList();
            Map<Long, LegacyRow> found = new HashMap<>();
            if (indexes.isEmpty()) {
                return found;
            }
            ChainVersion1 version1 = seals.version1();
            jdbc.query("SELECT " + ChainVersion1.EVENT_COLUMNS + " FROM DomainEventEntry WHERE globalIndex IN ("
                    + placeholders(indexes) + ")", rs -> {
                found.put(rs.getLong("globalIndex"),
                        new LegacyRow(rs.getString("eventIdentifier"), version1.entryFunction(rs)));
            }, indexes.toArray());
            return found;
        }

        Optional<ChainVerification> events() {
            TrackingToken headToken = eventStore.createHeadToken();
            if (headToken == null) {
                return missingEvents();
            }
            long end = headToken.position().orElse(Long.MAX_VALUE);
            if (end < 0) {
                return missingEvents();
            }
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
                boolean atEnd = false;
                while (!atEnd) {
                    List<TrackedEventMessage<?>> batch = new ArrayList<>(PAGE);
                    while (batch.size() < PAGE && stream.hasNextAvailable(STREAM_WAIT_SECONDS, TimeUnit.SECONDS)) {
                        TrackedEventMessage<?> event = stream.nextAvailable();
                        batch.add(event);
                        if (event.trackingToken().position().orElse(Long.MIN_VALUE) >= end) {
                            atEnd = true;
                            break;
                        }
                    }
                    if (batch.size() < PAGE) {
                        atEnd = true;
                    }
                    Optional<ChainVerification> broken = check(batch);
                    if (broken.isPresent()) {
                        return broken;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the event store", e);
            }
            return missingEvents();
        }

        private Optional<ChainVerification> check(List<TrackedEventMessage<?>> batch) {
            if (batch.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Long> indexes = Events.globalIndexes(batch, positions);
            Map<Long, ChainRow> chained = chainRows(indexes.values());
            Map<String, Seal> sealed = seals(indexes.keySet());
            Map<String, ChainedEvent> stored = storedForms(indexes.values());
            for (TrackedEventMessage<?> message : batch) {
                Long globalIndex = indexes.get(message.getIdentifier());
                if (globalIndex == null) {
                    continue; // removed while this walk ran: the chain's side reports it
                }
                ChainedEvent event = stored.containsKey(message.getIdentifier())
                        ? stored.get(message.getIdentifier()) : ChainedEvent.of(message, serializer);
                String digest = event.digest();
                ChainRow row = chained.get(globalIndex);
                if (row == null) {
                    lag++;
                } else {
                    matched.set((int) row.position());
                    if (row.version() != ChainVersion1.VERSION && (!digest.equals(row.eventDigest())
                            || !message.getIdentifier().equals(row.eventIdentifier()))) {
                        return fail(globalIndex, EVENT_ALTERED);
                    }
                }
                Seal seal = sealed.get(message.getIdentifier());
                if (seal == null) {
                    return fail(globalIndex, EVENT_NOT_SEALED);
                }
                if (!seals.matches(seal.seal(), seal.version(), globalIndex, event, digest)) {
                    return fail(globalIndex, EVENT_ALTERED);
                }
            }
            return Optional.empty();
        }

        /** A chained event the event store no longer delivered. */
        private Optional<ChainVerification> missingEvents() {
            int first = matched.nextClearBit(0);
            if (first >= checked) {
                return Optional.empty();
            }
            Long globalIndex = jdbc.queryForObject("SELECT global_index FROM audit_chain WHERE position = ?",
                    Long.class, first);
            return fail(globalIndex, EVENT_MISSING);
        }

        Optional<ChainVerification> checkpoints() {
            List<Checkpoint> ascending = new ArrayList<>(checkpoints);
            ascending.sort(Comparator.comparingLong(Checkpoint::entries));
            for (Checkpoint checkpoint : ascending) {
                if (checkpoint.entries() <= checked
                        && !checkpoint.agreesWith(checked, hashAtCount.get(checkpoint.entries()))) {
                    return Optional.of(ChainVerification.broken(checked, null, DIVERGED, head(), lag, checkpoint));
                }
            }
            Checkpoint latest = latestCheckpoint();
            if (latest == null || latest.entries() <= checked) {
                return Optional.empty();
            }
            boolean backAtAnEarlierCheckpoint = checkpoints.stream().anyMatch(checkpoint ->
                    checkpoint.entries() == checked && checkpoint.headHash().equals(headHash));
            return Optional.of(ChainVerification.broken(checked, null, backAtAnEarlierCheckpoint ? ROLLED_BACK
                    : TRUNCATED, head(), lag, latest));
        }

        private Map<Long, ChainRow> chainRows(Collection<Long> globalIndexes) {
            Map<Long, ChainRow> rows = new HashMap<>();
            if (globalIndexes.isEmpty()) {
                return rows;
            }
            jdbc.query("SELECT position, global_index, event_identifier, entry_hash, event_digest, chain_version "
                    + "FROM audit_chain WHERE global_index IN (" + placeholders(globalIndexes) + ")", rs -> {
                rows.put(rs.getLong(2), new ChainRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6)));
            }, globalIndexes.toArray());
            return rows;
        }

        private Map<String, Seal> seals(Collection<String> eventIdentifiers) {
            Map<String, Seal> found = new HashMap<>();
            if (eventIdentifiers.isEmpty()) {
                return found;
            }
            jdbc.query("SELECT event_identifier, seal, seal_version FROM event_seal WHERE event_identifier IN ("
                    + placeholders(eventIdentifiers) + ")", rs -> {
                found.put(rs.getString(1), new Seal(rs.getString(2), rs.getInt(3)));
            }, eventIdentifiers.toArray());
            return found;
        }

        private Optional<ChainVerification> fail(Long globalIndex, ChainVerification.Reason reason) {
            return Optional.of(ChainVerification.broken(checked, globalIndex, reason, head(), lag, null));
        }
    }

    private static String placeholders(Collection<?> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }

    /** A version 1 row: its entry hash can only be computed once the previous entry's is known. */
    private record LegacyRow(String eventIdentifier, UnaryOperator<String> entryHash) {
    }
}
