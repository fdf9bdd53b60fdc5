package org.relais.web.eventstore;

import java.util.Set;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.relais.core.api.AgreementAmendedEvent;
import org.relais.core.api.AgreementSignedEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Agreements signed or amended before calendars existed (revision 1) read as revision 2 with the meaning they had:
 * an SLA of open time on the weekly schedule alone, so {@code OPEN_HOURS}, no closure day and no holiday calendar.
 * Both events carry the same terms, so one upcaster serves both.
 */
@Component
class AgreementTermsUpcaster extends SingleEventUpcaster {

    private static final Set<String> TYPES = Set.of(AgreementSignedEvent.class.getName(),
            AgreementAmendedEvent.class.getName());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPES.contains(representation.getType().getName())
                && "1".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        SimpleSerializedType revision2 = new SimpleSerializedType(representation.getType().getName(), "2");
        return representation.upcastPayload(revision2, String.class, json -> {
            ObjectNode payload = (ObjectNode) JSON.readTree(json);
            if (payload.get("terms") instanceof ObjectNode terms) {
                terms.put("slaKind", "OPEN_HOURS");
                terms.putArray("closures");
                terms.putNull("holidayCalendar");
            }
            return JSON.writeValueAsString(payload);
        });
    }
}
