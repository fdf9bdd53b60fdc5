package org.relais.web.eventstore;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.relais.core.api.TransferRequestedEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Transfers requested before content removals named their hosting service (revision 1) read as revision 2 naming
 * none and counting no notices: the trusted-flagger report counts such a removal as one notice to an unknown hosting
 * service, since what was sent then cannot be told now.
 */
@Component
class TransferRequestedEventUpcaster extends SingleEventUpcaster {

    private static final String TYPE = TransferRequestedEvent.class.getName();
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
            payload.putNull("hostingService");
            payload.putNull("noticeCount");
            return JSON.writeValueAsString(payload);
        });
    }
}
