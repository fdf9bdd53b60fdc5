package org.relais.app.eventstore;

import java.util.Set;

import org.relais.core.api.partner.AgreementAmendedEvent;
import org.relais.core.api.partner.AgreementSignedEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Agreements signed or amended before calendars existed (revision 1) read as revision 2 with the meaning they had:
 * an SLA of open time on the weekly schedule alone, so {@code OPEN_HOURS}, no closure day and no holiday calendar.
 * Both events carry the same terms, so one upcaster serves both.
 */
@Component
class AgreementTermsUpcaster extends JsonPayloadUpcaster {

    AgreementTermsUpcaster() {
        super(Set.of(AgreementSignedEvent.class, AgreementAmendedEvent.class), "1", "2");
    }

    @Override
    protected void upgrade(ObjectNode payload) {
        if (payload.get("terms") instanceof ObjectNode terms) {
            terms.put("slaKind", "OPEN_HOURS");
            terms.putArray("closures");
            terms.putNull("holidayCalendar");
        }
    }
}
