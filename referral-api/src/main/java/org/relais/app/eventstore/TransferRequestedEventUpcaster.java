package org.relais.app.eventstore;

import java.util.Set;

import org.relais.core.api.referral.TransferRequestedEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Transfers requested before content removals named their hosting service (revision 1) read as revision 2 naming
 * none and counting no notices: the trusted-flagger report counts such a removal as one notice to an unknown hosting
 * service, since what was sent then cannot be told now.
 */
@Component
class TransferRequestedEventUpcaster extends JsonPayloadUpcaster {

    TransferRequestedEventUpcaster() {
        super(Set.of(TransferRequestedEvent.class), "1", "2");
    }

    @Override
    protected void upgrade(ObjectNode payload) {
        payload.putNull("hostingService");
        payload.putNull("noticeCount");
    }
}
