package org.relais.web.ui;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.FindProjectionsQuery;
import org.relais.core.api.ProjectionStatusView;
import org.springframework.stereotype.Component;

/**
 * After a page's command, the next page is read from read models that the event processors update a few
 * milliseconds later. So that the person sees what they just did (post-redirect-get), the action waits, briefly and
 * boundedly, until the read models the pages show have processed up to the event store's head. A processor that
 * this instance does not run (another instance holds its segments) simply lets the bound expire.
 */
@Component
class ReadYourWrites {

    private static final Set<String> SHOWN = Set.of("case-list", "case-detail", "partner-inbox");
    private static final Duration BOUND = Duration.ofSeconds(3);

    private final EventStore eventStore;
    private final QueryGateway queries;

    ReadYourWrites(EventStore eventStore, QueryGateway queries) {
        this.eventStore = eventStore;
        this.queries = queries;
    }

    void await() {
        TrackingToken headToken = eventStore.createHeadToken();
        long head = headToken == null ? 0 : headToken.position().orElse(0);
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            List<ProjectionStatusView> projections = queries.query(new FindProjectionsQuery(),
                    ResponseTypes.multipleInstancesOf(ProjectionStatusView.class)).join();
            boolean caughtUp = projections.stream().filter(projection -> SHOWN.contains(projection.name()))
                    .allMatch(projection -> projection.position() >= head);
            if (caughtUp) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
