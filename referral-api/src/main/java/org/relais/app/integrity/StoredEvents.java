package org.relais.app.integrity;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads given events back from the event stream at their global index, as the chain read them, whatever stores the
 * events: events close to each other are read in one pass.
 */
@Component
class StoredEvents {

    private static final long ONE_PASS = 1_000;
    private static final int WAIT_SECONDS = 2;
    private static final int ONE_QUERY = 500;

    private final EventStore eventStore;
    private final Serializer serializer;
    private final JdbcTemplate jdbc;

    StoredEvents(EventStore eventStore, @Qualifier("eventSerializer") Serializer serializer, JdbcTemplate jdbc) {
        this.eventStore = eventStore;
        this.serializer = serializer;
        this.jdbc = jdbc;
    }

    /** The events found, by identifier, from their identifiers and global indexes. */
    Map<String, ChainedEvent> read(Map<String, Long> globalIndexes) {
        Map<String, ChainedEvent> found = new HashMap<>();
        List<Long> indexes = globalIndexes.values().stream().sorted().toList();
        if (indexes.isEmpty()) {
            return found;
        }
        TrackingToken tail = eventStore.createTailToken();
        int from = 0;
        while (from < indexes.size()) {
            int to = from;
            while (to + 1 < indexes.size() && indexes.get(to + 1) - indexes.get(to) <= ONE_PASS) {
                to++;
            }
            readPass(before(indexes.get(from), tail), indexes.get(to), globalIndexes, found);
            from = to + 1;
        }
        replaceByStoredRows(indexes, found);
        return found;
    }

    /**
     * The stream delivers an event of an older revision as the upcasters make it; what was chained is the row the
     * JDBC store keeps, so that row is taken when there is one (none when Axon Server stores the events).
     */
    private void replaceByStoredRows(List<Long> indexes, Map<String, ChainedEvent> found) {
        for (int from = 0; from < indexes.size(); from += ONE_QUERY) {
            List<Long> some = indexes.subList(from, Math.min(indexes.size(), from + ONE_QUERY));
            jdbc.query("SELECT " + ChainVersion1.EVENT_COLUMNS + " FROM DomainEventEntry WHERE globalIndex IN ("
                    + String.join(",", Collections.nCopies(some.size(), "?")) + ")", rs -> {
                ChainedEvent stored = ChainedEvent.ofStoredRow(rs);
                if (found.containsKey(stored.eventIdentifier())) {
                    found.put(stored.eventIdentifier(), stored);
                }
            }, some.toArray());
        }
    }

    private void readPass(TrackingToken start, long last, Map<String, Long> wanted, Map<String, ChainedEvent> found) {
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(start)) {
            while (stream.hasNextAvailable(WAIT_SECONDS, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (wanted.containsKey(event.getIdentifier())) {
                    found.put(event.getIdentifier(), ChainedEvent.of(event, serializer));
                }
                if (event.trackingToken().position().orElse(Long.MAX_VALUE) >= last) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the event store", e);
        }
    }

    /** A token just before a global index, of the kind the store uses. */
    private static TrackingToken before(long globalIndex, TrackingToken tail) {
        if (tail instanceof GlobalSequenceTrackingToken) {
            return new GlobalSequenceTrackingToken(globalIndex - 1);
        }
        return GapAwareTrackingToken.newInstance(globalIndex - 1, List.of());
    }
}
