package org.relais.projections.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.relais.core.api.ActorMetadata;
import org.relais.projections.support.BatchProjection;
import org.relais.projections.support.ProjectionGenerations;

/**
 * Events as the aggregates store them (type, identifier, sequence number, time, actor in metadata), appended to an
 * in-memory event store and handed to the projections as the live processor hands them: in order, a batch at a time,
 * with their tracking tokens, to the active generation. The time is the test's: it moves only when told.
 */
public final class History {

    public static final Map<String, String> COORDINATOR = Map.of(ActorMetadata.USER, "coordinator",
            ActorMetadata.ROLE, "COORDINATOR");
    public static final Map<String, String> SYSTEM = Map.of(ActorMetadata.USER, "system", ActorMetadata.ROLE,
            "SYSTEM");

    /**
     * Read straight from the storage engine, not through the event store's streams: those are filled by a producer
     * thread of their own, so a stream opened right after an append may not show it yet.
     */
    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(storage).build();
    private final Map<String, Long> sequences = new HashMap<>();
    private final ProjectionGenerations generations;
    private final List<BatchProjection> projections = new ArrayList<>();
    private TrackingToken projected;
    private Instant now;

    public History(ProjectionGenerations generations, Instant start) {
        this.generations = generations;
        this.now = start;
    }

    public static Map<String, String> liaison(String user, String partnerId) {
        return Map.of(ActorMetadata.USER, user, ActorMetadata.ROLE, "LIAISON", ActorMetadata.PARTNER, partnerId);
    }

    /** The projections fed from now on. */
    public History feeding(BatchProjection... projections) {
        this.projections.addAll(List.of(projections));
        return this;
    }

    public EventStore eventStore() {
        return store;
    }

    public Instant now() {
        return now;
    }

    public History at(Instant instant) {
        this.now = instant;
        return this;
    }

    public History advance(java.time.Duration duration) {
        this.now = now.plus(duration);
        return this;
    }

    /** Appends an event of a referral; returns its sequence number (the case's version once applied). */
    public long referral(String referralId, Object payload, Map<String, ?> actor) {
        return append("Referral", referralId, payload, actor);
    }

    public long partner(String partnerId, Object payload) {
        return append("Partner", partnerId, payload, Map.of(ActorMetadata.USER, "admin", ActorMetadata.ROLE,
                "ADMIN"));
    }

    public long append(String type, String aggregateId, Object payload, Map<String, ?> actor) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        store.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, MetaData.from(actor),
                UUID.randomUUID().toString(), now));
        return sequence;
    }

    /** Hands every event not handed yet to the projections, as one batch. */
    public History project() {
        List<TrackedEventMessage<?>> batch = storedAfter(projected);
        if (!batch.isEmpty()) {
            projected = batch.get(batch.size() - 1).trackingToken();
            projections.forEach(projection -> projection.apply(batch, generations.active(projection.name())));
        }
        return this;
    }

    /** Every event stored so far, from the start, with its tracking token. */
    public List<TrackedEventMessage<?>> all() {
        return storedAfter(null);
    }

    private List<TrackedEventMessage<?>> storedAfter(TrackingToken token) {
        try (Stream<? extends TrackedEventMessage<?>> stored = storage.readEvents(token, false)) {
            return new ArrayList<>(stored.toList());
        }
    }
}
