package org.relais.projections.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The one adapter between Axon and the batch read models. A read model extends it and says, in its constructor, what
 * it handles and how: one handler per event type ({@link #on}), optionally one for every other event
 * ({@link #onAnyOther}), and the documents a batch reads by id up front ({@link #prefetch}). The adapter does the
 * rest, the same way for each: the live processor's handler (every event, so that the last of a batch always arrives,
 * see {@link LiveBatches}), the reset handler, the name and collections, and {@link #apply}: prefetch, route each
 * event to its handler in order, {@link #finish}, write the batch back, {@link #written}.
 *
 * <p>The concrete class carries {@code @Component} and {@code @ProcessingGroup} (its name): Axon and the application
 * find the read models by them.
 */
public abstract class RoutedProjection implements BatchProjection {

    /** How one event type is applied within a batch. */
    @FunctionalInterface
    public interface Handler<E> {
        void apply(E payload, Applying event);
    }

    private final ProjectionContext context;
    private final String name;
    private final List<String> collections;
    private final Map<Class<?>, Handler<Object>> handlers = new LinkedHashMap<>();
    private final List<Prefetch<?>> prefetches = new ArrayList<>();
    private Handler<Object> otherwise;

    protected RoutedProjection(ProjectionContext context, String name, String... collections) {
        this.context = context;
        this.name = name;
        this.collections = List.copyOf(Arrays.asList(collections));
    }

    /** Applies events of exactly this type with {@code handler}. */
    @SuppressWarnings("unchecked")
    protected final <E> void on(Class<E> type, Handler<? super E> handler) {
        if (handlers.putIfAbsent(type, (Handler<Object>) handler) != null) {
            throw new IllegalStateException(type.getSimpleName() + " has two handlers in " + name);
        }
    }

    /** Applies every event that has no handler of its own (events of every aggregate, of types to come too). */
    protected final void onAnyOther(Handler<Object> handler) {
        this.otherwise = handler;
    }

    /**
     * Reads, in one query per batch, the documents of {@code collection} that the batch's events name, each by the
     * key {@link Prefetch#by} gives for its type.
     */
    protected final <T> Prefetch<T> prefetch(Class<T> type, String collection, Function<T, String> idOf) {
        Prefetch<T> prefetch = new Prefetch<>(type, collection, idOf);
        prefetches.add(prefetch);
        return prefetch;
    }

    /** Called once every event of the batch was applied, before its documents are written. */
    protected void finish(Applying.Batch batch) {
    }

    /** Called once the batch's documents are written (not after an in-memory replay). */
    protected void written(Applying.Batch batch) {
    }

    @EventHandler
    final void live(Object payload, EventMessage<?> event) {
        context.live().handle(this, event);
    }

    @ResetHandler
    final void reset() {
        context.generations().resetActive(this);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> collections() {
        return collections;
    }

    @Override
    public final void apply(List<? extends EventMessage<?>> events, CollectionSet target) {
        Applying.Batch batch = route(events, new DocumentBatch(context.mongo()), target);
        batch.documents.flush();
        written(batch);
    }

    /**
     * Applies the events in memory, to nothing stored (a case "as of" an instant, from its own events), and returns
     * the batch to read the documents from.
     */
    protected final Applying.Batch applyInMemory(List<? extends EventMessage<?>> events) {
        return route(events, DocumentBatch.inMemory(), new CollectionSet(name, 0));
    }

    private Applying.Batch route(List<? extends EventMessage<?>> events, DocumentBatch documents,
                                 CollectionSet target) {
        Applying.Batch batch = new Applying.Batch(documents, target, events);
        for (Prefetch<?> prefetch : prefetches) {
            prefetch.read(batch, events);
        }
        for (EventMessage<?> event : events) {
            Object payload = event.getPayload();
            Handler<Object> handler = handlers.getOrDefault(event.getPayloadType(), otherwise);
            if (handler != null) {
                handler.apply(payload, new Applying(batch, event));
            }
        }
        finish(batch);
        return batch;
    }

    protected final MongoTemplate mongo() {
        return context.mongo();
    }

    /** The generation the queries read. */
    protected final CollectionSet active() {
        return context.generations().active(name);
    }

    /** The documents of one collection a batch reads up front, and which event names which. */
    public static final class Prefetch<T> {

        private final Class<T> type;
        private final String collection;
        private final Function<T, String> idOf;
        private final Map<Class<?>, Function<Object, String>> keys = new LinkedHashMap<>();
        private Function<Object, String> anyKey;

        private Prefetch(Class<T> type, String collection, Function<T, String> idOf) {
            this.type = type;
            this.collection = collection;
            this.idOf = idOf;
        }

        /** Events of this type name the document {@code key} gives. */
        @SuppressWarnings("unchecked")
        public <E> Prefetch<T> by(Class<E> event, Function<? super E, String> key) {
            keys.put(event, (Function<Object, String>) key);
            return this;
        }

        /** Events of the types without a key of their own name the document {@code key} gives (null for none). */
        public Prefetch<T> byAny(Function<Object, String> key) {
            this.anyKey = key;
            return this;
        }

        private String key(Object payload) {
            Function<Object, String> key = keys.getOrDefault(payload.getClass(), anyKey);
            return key == null ? null : key.apply(payload);
        }

        void read(Applying.Batch batch, List<? extends EventMessage<?>> events) {
            batch.documents.prefetch(type, batch.collection(collection), events.stream()
                    .map(event -> key(event.getPayload())).filter(Objects::nonNull).toList(), idOf);
        }
    }
}
