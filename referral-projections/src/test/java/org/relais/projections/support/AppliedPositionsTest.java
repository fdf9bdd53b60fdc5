package org.relais.projections.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

/** What a page waits for after its command: every shown read model having written up to the head. */
class AppliedPositionsTest {

    private final AppliedPositions applied = new AppliedPositions();

    @Test
    void a_waiting_reader_wakes_when_the_last_read_model_writes_the_position() throws Exception {
        Thread[] waiter = new Thread[1];
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> {
            waiter[0] = Thread.currentThread();
            try {
                return applied.await(Set.of("case-list", "case-detail"), 7, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().until(() -> waiter[0] != null && waiter[0].getState() == Thread.State.TIMED_WAITING);
        applied.written("case-list", List.of(at(6), at(7)));
        applied.written("case-detail", List.of(at(6)));
        assertThat(waited).as("one read model is still behind").isNotDone();
        applied.written("case-detail", List.of(at(7)));
        assertThat(waited.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void the_wait_ends_at_its_bound_when_a_read_model_never_gets_there() throws Exception {
        applied.written("case-list", List.of(at(3)));
        assertThat(applied.await(Set.of("case-list"), 4, Duration.ofMillis(50))).isFalse();
        assertThat(applied.await(Set.of("case-list"), 3, Duration.ofMillis(50))).isTrue();
    }

    @Test
    void an_older_batch_written_later_does_not_move_a_position_back() throws Exception {
        applied.written("partner-inbox", List.of(at(9)));
        applied.written("partner-inbox", List.of(at(2)));
        assertThat(applied.await(Set.of("partner-inbox"), 9, Duration.ZERO)).isTrue();
    }

    private static TrackedEventMessage<?> at(long position) {
        return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position),
                GenericEventMessage.asEventMessage("event " + position));
    }
}
