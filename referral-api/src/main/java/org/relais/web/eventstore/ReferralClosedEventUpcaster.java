package org.relais.web.eventstore;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.relais.core.api.ReferralClosedEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Closures stored before a duplicate named its original (revision 1) read as revision 2 naming none: a case closed as
 * DUPLICATE then kept the link, if any, in its note only.
 */
@Component
class ReferralClosedEventUpcaster extends SingleEventUpcaster {

    private static final String TYPE = ReferralClosedEvent.class.getName();
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
            payload.putNull("duplicateOf");
            payload.putNull("duplicateOfReference");
            return JSON.writeValueAsString(payload);
        });
    }
}
