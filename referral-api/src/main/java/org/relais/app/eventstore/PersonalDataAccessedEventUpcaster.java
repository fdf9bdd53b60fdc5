package org.relais.app.eventstore;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.relais.core.api.access.PersonalDataAccessedEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Access records stored before free texts were recorded (revision 1) read as revision 2 with no texts: they were
 * made when readers were shown the personal fields they name and nothing else was recorded.
 */
@Component
class PersonalDataAccessedEventUpcaster extends SingleEventUpcaster {

    private static final String TYPE = PersonalDataAccessedEvent.class.getName();
    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TYPE, "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, String.class, json -> {
            ObjectNode payload = (ObjectNode) JSON.readTree(json);
            payload.putArray("texts");
            return JSON.writeValueAsString(payload);
        });
    }
}
