package org.relais.app.eventstore;

import java.util.Set;
import java.util.stream.Collectors;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the stored JSON of one revision of some event types as the next revision: a subclass only says what the
 * payload gains ({@link #upgrade}), typically new fields with the value that gives old events the meaning they had.
 */
abstract class JsonPayloadUpcaster extends SingleEventUpcaster {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Set<String> types;
    private final String from;
    private final String to;

    JsonPayloadUpcaster(Set<Class<?>> types, String from, String to) {
        this.types = types.stream().map(Class::getName).collect(Collectors.toUnmodifiableSet());
        this.from = from;
        this.to = to;
    }

    /** Changes a payload of revision {@code from} into one of revision {@code to}, in place. */
    protected abstract void upgrade(ObjectNode payload);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return types.contains(representation.getType().getName())
                && from.equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        SimpleSerializedType next = new SimpleSerializedType(representation.getType().getName(), to);
        return representation.upcastPayload(next, String.class, json -> {
            ObjectNode payload = (ObjectNode) JSON.readTree(json);
            upgrade(payload);
            return JSON.writeValueAsString(payload);
        });
    }
}
