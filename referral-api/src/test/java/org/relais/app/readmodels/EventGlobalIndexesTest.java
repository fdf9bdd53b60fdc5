package org.relais.app.readmodels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;
import org.relais.projections.support.EventPositions;
import org.relais.projections.support.Events;

/**
 * Each event's own global index from a batch of tracked events: from the token where it moved forward with the
 * event, from the event store where it cannot tell (the first event of a batch, an event that filled a gap).
 * {@code AuditTrailLateCommitTest} shows the same through the real event store and processors.
 */
class EventGlobalIndexesTest {

    private final Map<String, Long> stored = new HashMap<>();
    private final List<String> askedFor = new ArrayList<>();
    private final EventPositions store = new EventPositions() {
        @Override
        public Map<String, Long> globalIndexes(Collection<String> eventIdentifiers) {
            askedFor.addAll(eventIdentifiers);
            Map<String, Long> found = new HashMap<>();
            eventIdentifiers.forEach(id -> found.put(id, stored.get(id)));
            return found;
        }
    };

    @Test
    void a_gap_filler_and_the_first_event_are_looked_up_the_others_come_from_the_token() {
        // the stream had reached 11 with 10 missing; 12 and 13 arrive, then 10 commits, then 14
        TrackedEventMessage<?> first = event(GapAwareTrackingToken.newInstance(12, Set.of(10L)));
        TrackedEventMessage<?> next = event(GapAwareTrackingToken.newInstance(13, Set.of(10L)));
        TrackedEventMessage<?> late = event(GapAwareTrackingToken.newInstance(13, Set.of()));
        TrackedEventMessage<?> after = event(GapAwareTrackingToken.newInstance(14, Set.of()));
        stored.put(first.getIdentifier(), 12L);
        stored.put(late.getIdentifier(), 10L);

        Map<String, Long> indexes = Events.globalIndexes(List.of(first, next, late, after), store);

        assertThat(indexes).containsEntry(first.getIdentifier(), 12L).containsEntry(next.getIdentifier(), 13L)
                .containsEntry(late.getIdentifier(), 10L).containsEntry(after.getIdentifier(), 14L);
        assertThat(askedFor).containsExactly(first.getIdentifier(), late.getIdentifier());
    }

    @Test
    void a_replay_token_is_read_through_and_a_gapless_stream_is_never_looked_up() {
        TrackingToken atReset = GapAwareTrackingToken.newInstance(100, Set.of());
        TrackedEventMessage<?> replayed = event(ReplayToken.createReplayToken(atReset,
                GapAwareTrackingToken.newInstance(5, Set.of())));
        TrackedEventMessage<?> replayedNext = event(ReplayToken.createReplayToken(atReset,
                GapAwareTrackingToken.newInstance(6, Set.of())));
        stored.put(replayed.getIdentifier(), 5L);
        assertThat(Events.globalIndexes(List.of(replayed, replayedNext), store))
                .containsEntry(replayed.getIdentifier(), 5L).containsEntry(replayedNext.getIdentifier(), 6L);

        askedFor.clear();
        TrackedEventMessage<?> axonServer = event(new GlobalSequenceTrackingToken(41));
        assertThat(Events.globalIndexes(List.of(axonServer), store)).containsEntry(axonServer.getIdentifier(), 41L);
        assertThat(askedFor).isEmpty();
    }

    private static TrackedEventMessage<?> event(TrackingToken token) {
        return new GenericTrackedEventMessage<>(token, GenericEventMessage.asEventMessage("payload"));
    }
}
