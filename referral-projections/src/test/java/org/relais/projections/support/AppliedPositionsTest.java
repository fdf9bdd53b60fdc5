package org.relais.projections.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

/** What a reader waits for after its command: the read models' segments having handled its event's position. */
class AppliedPositionsTest {

    private final AppliedPositions applied = new AppliedPositions();

    @Test
    void a_waiting_reader_wakes_when_a_batch_is_written() throws Exception {
        Thread[] waiter = new Thread[1];
        long seen = applied.writes();
        CompletableFuture<Void> waited = CompletableFuture.runAsync(() -> {
            waiter[0] = Thread.currentThread();
            try {
                applied.awaitWrite(seen, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().until(() -> waiter[0] != null && waiter[0].getState() == Thread.State.TIMED_WAITING);
        applied.written("case-list", 0, List.of(at(6), at(7)));
        waited.get(10, TimeUnit.SECONDS);
        assertThat(AppliedPositions.handled(applied.token("case-list", 0), 7)).isTrue();
        assertThat(AppliedPositions.handled(applied.token("case-list", 0), 8)).isFalse();
    }

    @Test
    void the_wait_ends_at_its_bound_when_nothing_is_written() throws Exception {
        applied.awaitWrite(applied.writes(), Duration.ofMillis(20));
        assertThat(applied.token("case-list", 0)).isNull();
    }

    @Test
    void each_segment_has_its_own_position() {
        applied.written("partner-inbox", 0, List.of(at(9)));
        applied.written("partner-inbox", 1, List.of(at(4)));
        assertThat(AppliedPositions.handled(applied.token("partner-inbox", 0), 9)).isTrue();
        assertThat(AppliedPositions.handled(applied.token("partner-inbox", 1), 9)).isFalse();
    }

    @Test
    void an_older_batch_written_later_does_not_move_a_position_back() {
        applied.written("partner-inbox", 0, List.of(at(9)));
        applied.written("partner-inbox", 0, List.of(at(2)));
        assertThat(AppliedPositions.handled(applied.token("partner-inbox", 0), 9)).isTrue();
    }

    @Test
    void a_position_left_as_a_gap_is_not_handled_until_the_gap_is_filled() {
        TrackingToken withGap = GapAwareTrackingToken.newInstance(10, Set.of(7L));
        assertThat(AppliedPositions.handled(withGap, 10)).isTrue();
        assertThat(AppliedPositions.handled(withGap, 7)).as("committed after 8 to 10").isFalse();
        assertThat(AppliedPositions.handled(withGap, 6)).isTrue();
        assertThat(AppliedPositions.handled(null, 0)).isFalse();
    }

    private static TrackedEventMessage<?> at(long position) {
        return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position),
                GenericEventMessage.asEventMessage("event " + position));
    }
}
