package org.relais.app.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.relais.app.topology.SegmentSharing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Follows how far each event processor is behind the event store. While the read side catches up (at every start
 * of the embedded default, and during rebuilds) it logs events done / total and the rate; health shows the same.
 */
@Component
public class CatchUpMonitor {

    private static final Logger log = LoggerFactory.getLogger(CatchUpMonitor.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final SegmentSharing sharing;
    private final Clock clock;
    private final Instant startedAt;
    private final Map<String, Sample> lastSamples = new LinkedHashMap<>();
    private volatile boolean caughtUpOnce;

    CatchUpMonitor(EventProcessingConfiguration processing, EventStore eventStore, SegmentSharing sharing,
                   Clock clock) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.sharing = sharing;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Where each processor stands now. */
    public Map<String, ProcessorProgress> progress() {
        long head = position(eventStore.createHeadToken()).orElse(0L);
        Map<String, ProcessorProgress> result = new LinkedHashMap<>();
        for (StreamingEventProcessor processor : processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList()) {
            Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
            long done = segments.isEmpty() ? 0 : segments.values().stream()
                    .mapToLong(status -> position(status.getTrackingToken()).orElse(0L)).min().orElse(0);
            // Axon's own "caught up" (the stream's head was reached). Whether the segment still counts as replaying
            // is another matter: after a crash left gaps in the global sequence, that flag stays up until the next
            // new event, although every stored event has been handled.
            boolean caughtUp = !segments.isEmpty() && segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
            boolean failing = segments.values().stream().anyMatch(EventTrackerStatus::isErrorState);
            // with several instances, another one may hold every segment of this processor: nothing to catch up here
            boolean heldElsewhere = segments.isEmpty() && processor.isRunning() && sharing.liveInstances() > 1;
            result.put(processor.getName(), new ProcessorProgress(processor.getName(), processor.isRunning(), caughtUp,
                    failing, heldElsewhere, Math.min(done, head), head));
        }
        return result;
    }

    public boolean allCaughtUp() {
        return progress().values().stream().allMatch(p -> p.caughtUp() || p.heldElsewhere());
    }

    @Scheduled(initialDelayString = "${relais.processing.progress-interval:PT2S}",
            fixedDelayString = "${relais.processing.progress-interval:PT2S}")
    void report() {
        Instant now = clock.instant();
        Map<String, ProcessorProgress> progress;
        try {
            progress = progress();
        } catch (RuntimeException eventStoreUnreachable) {
            log.warn("Cannot read the event processors' progress: {}", eventStoreUnreachable.getClass().getSimpleName());
            return;
        }
        boolean allCaughtUp = !progress.isEmpty()
                && progress.values().stream().allMatch(p -> p.caughtUp() || p.heldElsewhere());
        for (ProcessorProgress processor : progress.values()) {
            Sample previous = lastSamples.put(processor.name(), new Sample(now, processor.done()));
            if (processor.caughtUp() || processor.heldElsewhere()) {
                continue;
            }
            double rate = previous == null ? 0 : (processor.done() - previous.done())
                    / Math.max(0.001, Duration.between(previous.at(), now).toMillis() / 1000.0);
            log.info("Read side catching up: {} {}/{} events ({} events/s){}", processor.name(), processor.done(),
                    processor.total(), Math.round(rate), processor.failing() ? ", retrying after a failure" : "");
        }
        if (allCaughtUp && !caughtUpOnce) {
            caughtUpOnce = true;
            log.info("Read side caught up with the event store {} ms after start",
                    Duration.between(startedAt, now).toMillis());
        }
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }

    /** One processor's standing, as positions in the global event stream (the number of events when it has no gaps). */
    public record ProcessorProgress(String name, boolean running, boolean caughtUp, boolean failing,
                                    boolean heldElsewhere, long done, long total) {
    }

    private record Sample(Instant at, long done) {
    }
}
