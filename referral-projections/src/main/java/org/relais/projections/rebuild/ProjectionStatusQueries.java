package org.relais.projections.rebuild;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.relais.core.api.admin.FindProjectionsQuery;
import org.relais.core.api.admin.ProjectionStatusView;
import org.relais.projections.support.ProjectionGenerations;
import org.springframework.stereotype.Component;

/** Each read model's processor position and lag against the event store's head, with its rebuild progress. */
@Component
class ProjectionStatusQueries {

    private final ProjectionRebuilder rebuilder;
    private final ProjectionGenerations generations;
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    ProjectionStatusQueries(ProjectionRebuilder rebuilder, ProjectionGenerations generations,
                            EventProcessingConfiguration processing, EventStore eventStore) {
        this.rebuilder = rebuilder;
        this.generations = generations;
        this.processing = processing;
        this.eventStore = eventStore;
    }

    @QueryHandler
    List<ProjectionStatusView> handle(FindProjectionsQuery query) {
        long head = position(eventStore.createHeadToken());
        List<ProjectionStatusView> views = new ArrayList<>();
        for (String name : rebuilder.names()) {
            // its own processor, or the one it shares with the other read models (the token is then theirs too)
            Optional<StreamingEventProcessor> processor = processing.eventProcessorByProcessingGroup(name,
                    StreamingEventProcessor.class);
            Map<Integer, EventTrackerStatus> segments = processor.map(StreamingEventProcessor::processingStatus)
                    .orElse(Map.of());
            long position = segments.values().stream().mapToLong(status -> position(status.getTrackingToken()))
                    .min().orElse(0);
            boolean caughtUp = !segments.isEmpty() && segments.values().stream()
                    .allMatch(EventTrackerStatus::isCaughtUp);
            views.add(new ProjectionStatusView(name, processor.map(StreamingEventProcessor::isRunning).orElse(false),
                    caughtUp, Math.min(position, head), head, Math.max(0, head - position),
                    generations.active(name).generation(), rebuilder.progress(name).orElse(null)));
        }
        return views;
    }

    private static long position(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }
}
