package org.relais.app.consistency;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.types.Binary;
import org.relais.projections.support.AppliedPositions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether read models have handled a position of the event stream, and the wait until they have: what makes a read
 * after a write show that write, for the API ({@code Relais-Consistent-With}) and for the pages alike.
 *
 * <p>A read model has reached a position when every segment of its processor has handled it. A segment this instance
 * holds is judged by what this instance wrote ({@link AppliedPositions}, which wakes the waiting reader when a batch is
 * written) or, before any batch since the start, by the processor's own token. A segment another instance holds is
 * judged by the token that instance stored: the read side is shared, and a segment's token is stored only after its
 * batch was written to the read models, so a stored token at or past the position means the read model shows it.
 * Those are read again every {@value #ELSEWHERE_POLL_MILLIS} ms while waiting. A read model whose processor is not a
 * streaming one (updated within the command, as some tests configure them) has always reached it.
 */
@Component
public class ReadModelPositions {

    static final long ELSEWHERE_POLL_MILLIS = 20;
    static final long HERE_POLL_MILLIS = 5;
    private static final Duration SEGMENTS_KEPT = Duration.ofSeconds(5);

    private final EventProcessingConfiguration processing;
    private final AppliedPositions applied;
    private final EventStore eventStore;
    private final MongoCollection<Document> storedTokens;
    private final Serializer serializer;
    private final Map<String, Segments> segments = new ConcurrentHashMap<>();

    ReadModelPositions(EventProcessingConfiguration processing, AppliedPositions applied,
                       EventStore eventStore, MongoClient mongoClient,
                       @Value("${spring.mongodb.database:relais}") String database, Serializer serializer) {
        this.processing = processing;
        this.applied = applied;
        this.eventStore = eventStore;
        this.storedTokens = mongoClient.getDatabase(database).getCollection("trackingtokens");
        this.serializer = serializer;
    }

    /** The position of the last event stored, in every instance's view (0 for an empty store). */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /**
     * Waits, at most {@code bound}, until each of these read models has handled the event at {@code position};
     * whether they have.
     */
    public boolean await(Collection<String> readModels, long position, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            long seen = applied.writes();
            Standing standing = standing(readModels, position);
            if (standing == Standing.REACHED) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Duration nap = Duration.ofMillis(standing == Standing.BEHIND_ELSEWHERE ? ELSEWHERE_POLL_MILLIS
                    : HERE_POLL_MILLIS);
            applied.awaitWrite(seen, Duration.ofNanos(Math.min(left, nap.toNanos())));
        }
    }

    /** Waits, at most {@code bound}, until these read models show everything stored so far; whether they do. */
    public boolean awaitHead(Collection<String> readModels, Duration bound) throws InterruptedException {
        return await(readModels, head(), bound);
    }

    private Standing standing(Collection<String> readModels, long position) {
        Standing standing = Standing.REACHED;
        for (String readModel : readModels) {
            Optional<StreamingEventProcessor> found =
                    processing.eventProcessorByProcessingGroup(readModel, StreamingEventProcessor.class);
            if (found.isEmpty()) {
                continue;
            }
            StreamingEventProcessor processor = found.get();
            int[] ids = segmentIds(processor.getName());
            if (ids.length == 0) {
                return Standing.BEHIND_HERE;
            }
            Map<Integer, EventTrackerStatus> here = processor.processingStatus();
            for (int id : ids) {
                EventTrackerStatus status = here.get(id);
                if (status != null) {
                    if (!AppliedPositions.handled(applied.token(readModel, id), position)
                            && !AppliedPositions.handled(status.getTrackingToken(), position)) {
                        return Standing.BEHIND_HERE;
                    }
                } else if (!AppliedPositions.handled(stored(processor.getName(), id), position)) {
                    standing = Standing.BEHIND_ELSEWHERE;
                }
            }
        }
        return standing;
    }

    private int[] segmentIds(String processorName) {
        Segments known = segments.get(processorName);
        Instant now = Instant.now();
        if (known == null || known.readAt().plus(SEGMENTS_KEPT).isBefore(now) || known.ids().length == 0) {
            known = new Segments(processing.tokenStore(processorName).fetchSegments(processorName), now);
            segments.put(processorName, known);
        }
        return known.ids();
    }

    /** The token another instance stored for a segment, read without claiming it. */
    private TrackingToken stored(String processorName, int segment) {
        Document entry = storedTokens.find(Filters.and(Filters.eq("processorName", processorName),
                Filters.eq("segment", segment))).first();
        if (entry == null || entry.get("token") == null) {
            return null;
        }
        Object token = entry.get("token");
        byte[] data = token instanceof Binary binary ? binary.getData() : (byte[]) token;
        Long timestamp = entry.getLong("timestamp");
        return new GenericTokenEntry<>(data, entry.getString("tokenType"),
                Instant.ofEpochMilli(timestamp == null ? 0 : timestamp).toString(), entry.getString("owner"),
                processorName, segment, byte[].class).getToken(serializer);
    }

    private enum Standing {
        REACHED,
        BEHIND_HERE,
        BEHIND_ELSEWHERE
    }

    private record Segments(int[] ids, Instant readAt) {
    }
}
