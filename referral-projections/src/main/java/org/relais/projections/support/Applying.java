package org.relais.projections.support;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.axonframework.eventhandling.EventMessage;

/**
 * One event being applied within its batch, as a {@link RoutedProjection}'s handler sees it: the message's facts (time,
 * sequence, actor) and the batch's documents, named by their base collection (the generation being written is the
 * adapter's business).
 */
public final class Applying {

    private final Batch batch;
    private final EventMessage<?> message;

    Applying(Batch batch, EventMessage<?> message) {
        this.batch = batch;
        this.message = message;
    }

    public EventMessage<?> message() {
        return message;
    }

    /** The event's identifier. */
    public String id() {
        return message.getIdentifier();
    }

    public Instant at() {
        return message.getTimestamp();
    }

    /** The event's sequence number within its aggregate, -1 when it has none. */
    public long sequence() {
        return Events.sequence(message);
    }

    /** A metadata value (the actor's user, role, partner: see ActorMetadata), or null. */
    public String metadata(String key) {
        return Events.metadata(message, key);
    }

    public Batch batch() {
        return batch;
    }

    /** The document of the batch's generation of {@code collection}, or null if there is none. */
    public <T> T find(Class<T> type, String collection, String id) {
        return batch.documents.find(type, batch.collection(collection), id);
    }

    public void save(String collection, String id, Object document) {
        batch.documents.save(batch.collection(collection), id, document);
    }

    /** See {@link DocumentBatch#create}: a document only ever created, a pure function of its event. */
    public void create(String collection, String id, Object document) {
        batch.documents.create(batch.collection(collection), id, document);
    }

    /**
     * A batch of events applied to one generation: its documents (read once, written back once), the events, and
     * what a projection keeps across the events of one batch (never across batches, and never in a field: a rebuild
     * applies batches to another generation while the live processor applies its own).
     */
    public static final class Batch {

        final DocumentBatch documents;
        private final CollectionSet target;
        private final List<? extends EventMessage<?>> events;
        private final Map<Class<?>, Object> locals = new HashMap<>();

        Batch(DocumentBatch documents, CollectionSet target, List<? extends EventMessage<?>> events) {
            this.documents = documents;
            this.target = target;
            this.events = events;
        }

        public CollectionSet target() {
            return target;
        }

        /** The physical name of a base collection in the generation written. */
        public String collection(String base) {
            return target.name(base);
        }

        public List<? extends EventMessage<?>> events() {
            return events;
        }

        /** The batch's own value of this type, made on first use. */
        public <T> T local(Class<T> type, Supplier<T> make) {
            return type.cast(locals.computeIfAbsent(type, key -> make.get()));
        }

        /** The batch's value of this type if one was made, else null. */
        public <T> T localIfMade(Class<T> type) {
            return type.cast(locals.get(type));
        }

        public <T> T find(Class<T> type, String collection, String id) {
            return documents.find(type, collection(collection), id);
        }
    }
}
