package org.relais.web.integrity;

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
import org.springframework.stereotype.Component;

/**
 * Reads given events back from the event stream at their global index, as the chain read them, whatever stores the
 * events: events close to each other are read in one pass.
 */
@Component
class StoredEvents {

    private static final long ONE_PASS = 1_000;
    private static final int WAIT_SECONDS = 2;

    private final EventStore eventStore;
    private final Serializer serializer;

    StoredEvents(EventStore eventStore, @Qualifier("eventSerializer") Serializer serializer) {
        this.eventStore = eventStore;
        this.serializer = serializer;
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
        return found;
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
