package org.relais.web.ui;

import java.time.Duration;
import java.util.Set;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.relais.projections.support.AppliedPositions;
import org.springframework.stereotype.Component;

/**
 * After a page's command, the next page is read from read models that the event processors update a few
 * milliseconds later. So that the person sees what they just did (post-redirect-get), the action waits, briefly and
 * boundedly, until the read models the pages show have written everything up to the event store's head; it wakes
 * when their batches are written. A read model that this instance does not run (another instance holds its
 * segments) simply lets the bound expire.
 */
@Component
class ReadYourWrites {

    private static final Set<String> SHOWN = Set.of("case-list", "case-detail", "partner-inbox", "conversations",
            "notifications");
    private static final Duration BOUND = Duration.ofSeconds(3);

    private final EventStore eventStore;
    private final AppliedPositions applied;

    ReadYourWrites(EventStore eventStore, AppliedPositions applied) {
        this.eventStore = eventStore;
        this.applied = applied;
    }

    void await() {
        await(SHOWN);
    }

    /** The same wait for the given read models only (a page of the partner directory, say). */
    void await(Set<String> readModels) {
        TrackingToken headToken = eventStore.createHeadToken();
        long head = headToken == null ? 0 : headToken.position().orElse(0);
        try {
            applied.await(readModels, head, BOUND);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
