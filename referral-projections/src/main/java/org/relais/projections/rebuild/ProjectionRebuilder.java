package org.relais.projections.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.relais.core.api.admin.RebuildProgressView;
import org.relais.core.privacy.SafeTrace;
import org.relais.projections.support.BatchProjection;
import org.relais.projections.support.CollectionSet;
import org.relais.projections.support.ProjectionGenerations;
import org.relais.projections.support.StoredTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds one read model from the event store while the application runs, and compares generations.
 *
 * <p>The design, in five steps:
 * <ol>
 * <li><b>Replay into a fresh generation.</b> A private stream over the event store (not the live processor) applies
 * every event, in batches of {@code relais.rebuild.batch-size}, to generation N+1 of the projection's collections
 * through the same {@link BatchProjection#apply} the live processor uses. Meanwhile the live processor keeps
 * writing generation N, and every query keeps reading N (names resolve through {@link ProjectionGenerations}).</li>
 * <li><b>Index.</b> N+1's indexes are declared once the replay has written its documents, as one would load a
 * MongoDB collection in bulk: no query reads N+1 before the switch, and {@code apply} reads documents by
 * {@code _id} only, so the replay needs none of them. Building an index once over the final documents is cheaper
 * than keeping it up to date through the replay, where a case's summary is rewritten at each of its events and each
 * rewrite moves its entries in every index over a changed field: the case list's rebuild is about 1.6 times faster
 * on the embedded read side; the audit trail, whose entries are only inserted, gains nothing (docs/benchmarks.md).
 * </li>
 * <li><b>Hand-over.</b> Once the stream has nothing more to give, the live processor is shut down (it finishes its
 * batch and releases its claim) and its token is read. The stream continues until its own token covers the live
 * one, so N+1 holds at least everything N holds.</li>
 * <li><b>Switch.</b> The stream's token is stored as the live processor's token (for every segment), then the active
 * generation becomes N+1 in one single-document write, then the live processor starts again: it resumes exactly
 * where the rebuild stopped, writing N+1. Queries see N until the switch and N+1 after; during the hand-over
 * (typically well under a second) N simply stops moving. When the processor is shared with other read models (the
 * embedded default runs them all in one), its token is theirs too and stays where it was: moving it forward would
 * make them skip events. The processor then hands N+1 again the few events between its token and the stream's,
 * which the projection ignores, as every projection ignores an event applied twice.</li>
 * <li><b>Retire.</b> Generation N is dropped after a grace period, so that a query which resolved the old names just
 * before the switch still finds its collections.</li>
 * </ol>
 * A failure before the switch drops N+1 and restarts the live processor: nothing changed for readers.
 *
 * <p>Hand-overs (and comparisons, which pause the processor too) take turns: two of them on one shared processor
 * would restart it while the other still relies on it being paused, and events would reach a generation about to be
 * retired after the new one's stream had passed them.
 *
 * <p>Limits, on purpose for now: one application instance (with several, each would have to pause its processor
 * and re-read the active generation; the token store's claims would carry that), and one rebuild per projection at
 * a time.
 */
@Component
public class ProjectionRebuilder implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilder.class);

    private final Map<String, BatchProjection> projections = new LinkedHashMap<>();
    private final ProjectionGenerations generations;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final EventProcessingConfiguration processing;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final int batchSize;
    private final Duration retireAfter;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService retirements = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-retire");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Rebuild> rebuilds = new ConcurrentHashMap<>();
    private final Object pausingProcessors = new Object();

    ProjectionRebuilder(List<BatchProjection> projections, ProjectionGenerations generations, EventStore eventStore,
                        TokenStore tokenStore, EventProcessingConfiguration processing, MongoTemplate mongo,
                        Clock clock,
                        @Value("${relais.rebuild.batch-size:1000}") int batchSize,
                        @Value("${relais.rebuild.retire-after:PT10S}") Duration retireAfter) {
        projections.stream().sorted(Comparator.comparing(BatchProjection::name))
                .forEach(projection -> this.projections.put(projection.name(), projection));
        this.generations = generations;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.processing = processing;
        this.mongo = mongo;
        this.clock = clock;
        this.batchSize = batchSize;
        this.retireAfter = retireAfter;
    }

    public List<String> names() {
        return List.copyOf(projections.keySet());
    }

    public boolean exists(String name) {
        return projections.containsKey(name);
    }

    public Optional<RebuildProgressView> progress(String name) {
        return Optional.ofNullable(rebuilds.get(name)).map(Rebuild::view);
    }

    /** Starts a rebuild, or returns the one already running for this projection. */
    public synchronized RebuildProgressView start(String name) {
        BatchProjection projection = projection(name);
        Rebuild running = rebuilds.get(name);
        if (running != null && running.isRunning()) {
            return running.view();
        }
        long next = generations.active(name).generation() + 1;
        Rebuild rebuild = new Rebuild(name, next, clock.instant());
        rebuilds.put(name, rebuild);
        rebuild.future = CompletableFuture.runAsync(() -> run(projection, rebuild), workers);
        return rebuild.view();
    }

    /** Waits for the current rebuild of this projection, if any, to end. */
    public RebuildProgressView await(String name, Duration timeout) throws Exception {
        Rebuild rebuild = rebuilds.get(name);
        if (rebuild == null) {
            throw new IllegalStateException("no rebuild");
        }
        rebuild.future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return rebuild.view();
    }

    private void run(BatchProjection projection, Rebuild rebuild) {
        CollectionSet previous = generations.active(projection.name());
        CollectionSet target = new CollectionSet(projection.name(), rebuild.generation);
        boolean switched = false;
        drop(projection, target);
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            TrackingToken last = replay(stream, projection, target, rebuild, null, token -> false);
            rebuild.state = "INDEXING";
            long indexing = System.nanoTime();
            projection.declareIndexes(target);
            long indexingMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - indexing);
            rebuild.state = "SWITCHING";
            synchronized (pausingProcessors) {
                StreamingEventProcessor processor = processor(projection.name());
                String tokenName = processor.getName();
                boolean shared = !tokenName.equals(projection.name());
                processor.shutdownAsync().get(60, TimeUnit.SECONDS);
                try {
                    TrackingToken live = livePositions(tokenName, projection.name()).lowest();
                    last = replay(stream, projection, target, rebuild, last, token -> covers(token, live));
                    if (!shared) {
                        for (int segment : tokenStore.fetchSegments(tokenName)) {
                            tokenStore.storeToken(last, tokenName, segment);
                            tokenStore.releaseClaim(tokenName, segment);
                        }
                    }
                    generations.activate(projection.name(), target.generation());
                    switched = true;
                } finally {
                    processor.start();
                }
            }
            projection.activated(target);
            retirements.schedule(() -> drop(projection, previous), retireAfter.toMillis(), TimeUnit.MILLISECONDS);
            rebuild.finish("DONE", null, clock.instant());
            log.info("Rebuilt {} into generation {}: {} events at {} events/s, of which {} ms building its indexes",
                    projection.name(), target.generation(), rebuild.applied,
                    Math.round(rebuild.view().eventsPerSecond()), indexingMillis);
        } catch (Exception e) {
            // Types and frames only: a message may quote a document's values (a duplicate key names the key's).
            log.error("Rebuild of {} failed: {}", projection.name(), SafeTrace.of(e));
            if (!switched) {
                drop(projection, target);
            }
            rebuild.finish("FAILED", e.getClass().getSimpleName(), clock.instant());
        }
    }

    /**
     * Applies the stream to {@code target} in batches. With a null {@code last} (the replay proper) it reads until it
     * is within one batch of the event store's head, or the stream has nothing more to give right now: under steady
     * traffic the head keeps moving, and chasing it would only measure the traffic. Otherwise (the hand-over) it
     * reads until {@code done} holds for the token reached, waiting for events if need be. Returns the token of the
     * last event applied.
     */
    private TrackingToken replay(BlockingStream<TrackedEventMessage<?>> stream, BatchProjection projection,
                                 CollectionSet target, Rebuild rebuild, TrackingToken last,
                                 Predicate<TrackingToken> done) throws InterruptedException {
        boolean untilNearHead = last == null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        TrackingToken reached = last;
        while (true) {
            if (!untilNearHead && done.test(reached)) {
                return reached;
            }
            if (untilNearHead && reached != null
                    && position(eventStore.createHeadToken()) - position(reached) < batchSize) {
                return reached;
            }
            if (!stream.hasNextAvailable(untilNearHead ? 200 : 50, TimeUnit.MILLISECONDS)) {
                if (untilNearHead) {
                    return reached;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the stream did not reach the live processor's position");
                }
                continue;
            }
            List<TrackedEventMessage<?>> batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize && stream.hasNextAvailable()) {
                batch.add(stream.nextAvailable());
                if (!untilNearHead && done.test(batch.get(batch.size() - 1).trackingToken())) {
                    break;
                }
            }
            projection.apply(batch, target);
            reached = batch.get(batch.size() - 1).trackingToken();
            rebuild.advance(batch.size(), position(reached), position(eventStore.createHeadToken()));
        }
    }

    private static boolean covers(TrackingToken reached, TrackingToken live) {
        return live == null || (reached != null && reached.covers(live));
    }

    /** The processor running this projection's processing group: its own, or one shared with other read models. */
    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessorByProcessingGroup(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor runs " + name));
    }

    /**
     * Replays the projection into a scratch generation up to exactly the position of the live processor, paused
     * meanwhile, and compares every collection document by document. Works while commands keep flowing.
     */
    public ProjectionComparison compareWithFreshReplay(String name) throws Exception {
        BatchProjection projection = projection(name);
        CollectionSet active = generations.active(name);
        CollectionSet scratch = new CollectionSet(name, 1_000_000 + active.generation());
        drop(projection, scratch);
        synchronized (pausingProcessors) {
            StreamingEventProcessor processor = processor(name);
            processor.shutdownAsync().get(60, TimeUnit.SECONDS);
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
                replayCovered(stream, projection, scratch, livePositions(processor.getName(), name));
                return ProjectionComparison.compare(mongo, projection, active, scratch);
            } finally {
                processor.start();
                drop(projection, scratch);
            }
        }
    }

    /** Applies exactly the events the live generation holds (not those still listed as gaps, nor later ones). */
    private void replayCovered(BlockingStream<TrackedEventMessage<?>> stream, BatchProjection projection,
                               CollectionSet target, LivePositions live) throws InterruptedException {
        long end = live.end();
        if (end < 0) {
            return;
        }
        List<TrackedEventMessage<?>> batch = new ArrayList<>(batchSize);
        while (stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)) {
            TrackedEventMessage<?> event = stream.nextAvailable();
            long index = position(event.trackingToken());
            if (index > end) {
                break;
            }
            if (live.holds(event)) {
                batch.add(event);
            }
            if (batch.size() == batchSize) {
                projection.apply(batch, target);
                batch.clear();
            }
            if (index == end) {
                break;
            }
        }
        if (!batch.isEmpty()) {
            projection.apply(batch, target);
        }
    }

    /** The stored tokens of the (paused) processor's segments. */
    private LivePositions livePositions(String tokenName, String processingGroup) {
        return new LivePositions(StoredTokens.read(tokenStore, tokenName), processing.sequencingPolicy(processingGroup));
    }

    /**
     * What the live generation holds, segment by segment. Each segment's stored token covers the events of its
     * segment it has applied; a segment stores its position only when it handles one of its events, so the tokens
     * of a processor's segments differ, and neither one of them nor their lower bound speaks for the others. An
     * event belongs to the segment its sequence (the referral, for most) hashes to, as the processor decides.
     */
    private record LivePositions(Map<Segment, TrackingToken> tokens,
                                 SequencingPolicy<? super EventMessage<?>> policy) {

        boolean holds(TrackedEventMessage<?> event) {
            Object sequence = policy.getSequenceIdentifierFor(event);
            int hash = Objects.hashCode(sequence == null ? event.getIdentifier() : sequence);
            for (Map.Entry<Segment, TrackingToken> segment : tokens.entrySet()) {
                if (segment.getKey().matches(hash)) {
                    return segment.getValue() != null && isCoveredIndex(segment.getValue(), event.trackingToken());
                }
            }
            return false;
        }

        /** The position every segment has reached (their lower bound); null when none has stored one. */
        TrackingToken lowest() {
            return tokens.values().stream().filter(Objects::nonNull).reduce(TrackingToken::lowerBound).orElse(null);
        }

        /** The furthest position any segment reached; -1 when none has stored one. */
        long end() {
            return tokens.values().stream().filter(Objects::nonNull)
                    .mapToLong(token -> token.position().orElse(Long.MAX_VALUE)).max().orElse(-1);
        }
    }

    private static boolean isCoveredIndex(TrackingToken live, TrackingToken eventToken) {
        long index = position(eventToken);
        if (live instanceof GapAwareTrackingToken gapAware) {
            return index <= gapAware.getIndex() && !gapAware.getGaps().contains(index);
        }
        return index <= live.position().orElse(Long.MAX_VALUE);
    }

    private void drop(BatchProjection projection, CollectionSet generation) {
        generations.drop(projection, generation);
    }

    private static long position(TrackingToken token) {
        return token == null ? 0 : WrappedToken.unwrapLowerBound(token).position().orElse(0);
    }

    private BatchProjection projection(String name) {
        BatchProjection projection = projections.get(name);
        if (projection == null) {
            throw new IllegalArgumentException("unknown projection");
        }
        return projection;
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
        retirements.shutdownNow();
    }

    private static final class Rebuild {
        final String name;
        final long generation;
        final Instant startedAt;
        final long startedNanos = System.nanoTime();
        volatile String state = "REPLAYING";
        volatile long applied;
        volatile long position;
        volatile long head;
        volatile Instant finishedAt;
        volatile long finishedNanos;
        volatile String failure;
        volatile CompletableFuture<Void> future;

        Rebuild(String name, long generation, Instant startedAt) {
            this.name = name;
            this.generation = generation;
            this.startedAt = startedAt;
        }

        boolean isRunning() {
            return finishedAt == null;
        }

        void advance(int events, long position, long head) {
            applied += events;
            this.position = position;
            this.head = Math.max(head, position);
        }

        void finish(String state, String failure, Instant at) {
            this.failure = failure;
            this.finishedNanos = System.nanoTime();
            this.finishedAt = at;
            this.state = state;
        }

        RebuildProgressView view() {
            long elapsed = (finishedAt == null ? System.nanoTime() : finishedNanos) - startedNanos;
            double rate = elapsed <= 0 ? 0 : applied / (elapsed / 1e9);
            double percent = "DONE".equals(state) ? 100 : head == 0 ? 0 : Math.min(100, 100.0 * position / head);
            return new RebuildProgressView(name, generation, state, applied, position, head, percent, rate, startedAt,
                    finishedAt, failure);
        }
    }
}
