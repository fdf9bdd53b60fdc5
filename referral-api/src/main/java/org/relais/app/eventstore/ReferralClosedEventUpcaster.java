package org.relais.app.eventstore;

import java.util.Set;

import org.relais.core.api.referral.ReferralClosedEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Closures stored before a duplicate named its original (revision 1) read as revision 2 naming none: a case closed as
 * DUPLICATE then kept the link, if any, in its note only.
 */
@Component
class ReferralClosedEventUpcaster extends JsonPayloadUpcaster {

    ReferralClosedEventUpcaster() {
        super(Set.of(ReferralClosedEvent.class), "1", "2");
    }

    @Override
    protected void upgrade(ObjectNode payload) {
        payload.putNull("duplicateOf");
        payload.putNull("duplicateOfReference");
    }
}
