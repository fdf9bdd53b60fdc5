package org.relais.projections.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Turns the live processor's event-by-event calls into one {@link BatchProjection#apply} per processor batch
 * (100 events), written to the active generation.
 *
 * <p>The batch is applied while the handler of its LAST event runs, not in a unit-of-work phase: the pooled
 * processor stores its token in the first prepare-commit callback, so a write registered there would run after the
 * token and a failure would lose the batch. Failing here rolls the whole batch back and the processor retries it.
 * Every projection handles every event type ({@link RoutedProjection}'s {@code Object} handler), so the last event
 * always reaches it.
 */
@Component
public class LiveBatches {

    private static final String SEGMENT_RESOURCE = "]/SegmentId";

    private final ProjectionGenerations generations;
    private final AppliedPositions applied;

    public LiveBatches(ProjectionGenerations generations, AppliedPositions applied) {
        this.generations = generations;
        this.applied = applied;
    }

    public void handle(BatchProjection projection, EventMessage<?> event) {
        if (!CurrentUnitOfWork.isStarted()) {
            apply(projection, 0, List.of(event));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<EventMessage<?>> pending = unitOfWork.getOrComputeResource("relais.batch." + projection.name(),
                key -> new ArrayList<>());
        pending.add(event);
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            List<EventMessage<?>> events = List.copyOf(pending);
            pending.clear();
            apply(projection, segment(unitOfWork), events);
        }
    }

    private void apply(BatchProjection projection, int segment, List<EventMessage<?>> events) {
        projection.apply(events, generations.active(projection.name()));
        applied.written(projection.name(), segment, events);
    }

    /** The segment the processor handles in this unit of work, which Axon keeps as a resource of it. */
    private static int segment(UnitOfWork<?> unitOfWork) {
        for (Map.Entry<String, Object> resource : unitOfWork.resources().entrySet()) {
            if (resource.getKey().endsWith(SEGMENT_RESOURCE) && resource.getValue() instanceof Integer segment) {
                return segment;
            }
        }
        return 0;
    }
}
