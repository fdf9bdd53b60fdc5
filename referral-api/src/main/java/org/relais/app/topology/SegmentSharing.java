package org.relais.app.topology;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.relais.app.readside.EmbeddedReadSideStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Shares each event processor's segments fairly among the running instances, through the read side's database that
 * already holds their claims.
 *
 * <p>Axon claims every free segment it sees, so the first instance to start would keep them all. Here every instance
 * writes a heartbeat next to the tokens, and a processor may hold at most {@code ceil(segments / live instances)}
 * segments: Axon's coordinator releases the surplus by itself, and the newcomer claims it. When an instance
 * disappears, its heartbeat goes stale after the claim timeout (or is removed at once on a clean stop), the share of
 * the others grows, and they claim its segments as soon as its claims are stale too: a crash is taken over within
 * about the claim timeout plus the claim interval.
 *
 * <p>Time here is the machine's, not the injectable domain clock: heartbeats compare instants written by several
 * machines, whose clocks must be roughly in sync (NTP), as Axon's own claim timeouts already require.
 */
@Component
public class SegmentSharing implements MaxSegmentProvider, SmartLifecycle {

    static final String INSTANCES = "processing_instances";
    static final String TOKENS = "trackingtokens";

    private static final Logger log = LoggerFactory.getLogger(SegmentSharing.class);

    private final MongoCollection<Document> instances;
    private final MongoCollection<Document> tokens;
    private final Duration claimTimeout;
    private final Duration claimInterval;
    private final boolean axonServer;
    private final boolean readSideInProcess;
    private final String instanceId =
            ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Integer> segmentsPerProcessor = new ConcurrentHashMap<>();
    private volatile int liveInstances = 1;
    private volatile ScheduledExecutorService heartbeats;

    SegmentSharing(MongoClient mongoClient,
                   @Value("${spring.mongodb.database:relais}") String database,
                   @Value("${relais.processing.claim-timeout:PT10S}") Duration claimTimeout,
                   @Value("${relais.processing.claim-interval:PT1S}") Duration claimInterval,
                   @Value("${axon.axonserver.enabled:false}") boolean axonServer,
                   ObjectProvider<EmbeddedReadSideStore> embeddedReadSide) {
        this.axonServer = axonServer;
        this.readSideInProcess = embeddedReadSide.getIfAvailable() != null;
        MongoDatabase db = mongoClient.getDatabase(database);
        this.instances = db.getCollection(INSTANCES);
        this.tokens = db.getCollection(TOKENS);
        this.claimTimeout = claimTimeout;
        this.claimInterval = claimInterval;
        if (claimInterval.compareTo(claimTimeout) >= 0) {
            throw new IllegalStateException("relais.processing.claim-interval must be shorter than "
                    + "relais.processing.claim-timeout");
        }
    }

    /**
     * The claim timings every pooled processor gets. Claims are renewed three times per claim timeout when a segment
     * is idle (and by the coordinator during long batches), so that a live instance never looks dead to the others.
     *
     * <p>With Axon Server, the first token of an empty token store is the start of the stream, set without asking
     * Axon Server (Axon's default asks it for the head, and a processor then cannot start while Axon Server is
     * unreachable, which fails the whole application's start). Relais has no replay-sensitive handler, so the
     * catch-up is the same, only not flagged as a replay.
     */
    public PooledStreamingEventProcessor.Builder applyTo(PooledStreamingEventProcessor.Builder builder) {
        if (axonServer) {
            builder.initialToken(source -> null);
        }
        return builder.maxSegmentProvider(this)
                .tokenClaimInterval(claimInterval.toMillis())
                .claimExtensionThreshold(Math.max(100, claimTimeout.toMillis() / 3))
                .enableCoordinatorClaimExtension();
    }

    /** Asked by each processor's coordinator before it claims, and to release a surplus. */
    @Override
    public int getMaxSegments(String processingGroup) {
        Integer segments = segmentsPerProcessor.get(processingGroup);
        if (segments == null) {
            return Short.MAX_VALUE; // tokens kept elsewhere (the integrity chain's), or not initialised yet
        }
        return Math.max(1, (segments + liveInstances - 1) / liveInstances);
    }

    public String instanceId() {
        return instanceId;
    }

    public int liveInstances() {
        return liveInstances;
    }

    void beat() {
        try {
            Instant now = Instant.now();
            instances.replaceOne(Filters.eq("_id", instanceId),
                    new Document("_id", instanceId).append("seenAt", Date.from(now)), new ReplaceOptions().upsert(true));
            long live = instances.countDocuments(Filters.gte("seenAt", Date.from(now.minus(claimTimeout))));
            int previous = liveInstances;
            liveInstances = (int) Math.max(1, live);
            for (Document group : tokens.aggregate(java.util.List.of(
                    Aggregates.group("$processorName", Accumulators.sum("segments", 1))))) {
                segmentsPerProcessor.put(group.getString("_id"), ((Number) group.get("segments")).intValue());
            }
            if (previous != liveInstances) {
                log.info("Event processing shared by {} instance(s)", liveInstances);
            }
        } catch (RuntimeException e) {
            // the read side is down: processors cannot work either; keep the last known share and try again
            log.warn("Could not record this instance's heartbeat: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void start() {
        if (readSideInProcess) {
            releaseWhatAnEndedProcessLeft();
        }
        beat();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "segment-sharing");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(200, claimTimeout.toMillis() / 5);
        executor.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
        heartbeats = executor;
    }

    /**
     * The embedded read side lives in this process: no other instance can share it, so a heartbeat or a claim found
     * there at start was left by a process that ended without a clean stop (a kill -9, a power cut). Waiting for it to
     * go stale would hold every processor for a claim timeout, and meanwhile its segments would count as held by a
     * live instance (caught up, to the health and the start-up log) although nothing works on them.
     */
    private void releaseWhatAnEndedProcessLeft() {
        try {
            long heartbeats = instances.deleteMany(Filters.ne("_id", instanceId)).getDeletedCount();
            long claims = tokens.updateMany(Filters.ne("owner", null), Updates.set("owner", null)).getModifiedCount();
            if (heartbeats + claims > 0) {
                log.info("Released what the previous process left on the embedded read side: {} heartbeat(s), {} "
                        + "claim(s)", heartbeats, claims);
            }
        } catch (RuntimeException e) {
            log.warn("Could not release the previous process's claims ({}); they go stale by themselves",
                    e.getClass().getSimpleName());
        }
    }

    /** On a clean stop the others need not wait for the heartbeat to go stale. */
    @Override
    public void stop() {
        ScheduledExecutorService executor = heartbeats;
        heartbeats = null;
        if (executor != null) {
            executor.shutdownNow();
        }
        try {
            instances.deleteOne(Filters.eq("_id", instanceId));
        } catch (RuntimeException e) {
            log.debug("Heartbeat not removed ({}); it goes stale by itself", e.getClass().getSimpleName());
        }
    }

    @Override
    public boolean isRunning() {
        return heartbeats != null;
    }

    /** Beats before the processors start (Axon starts them in a later phase) and stops after they stopped. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
