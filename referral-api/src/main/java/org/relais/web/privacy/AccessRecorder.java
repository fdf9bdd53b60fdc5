package org.relais.web.privacy;

import java.util.Set;

import org.axonframework.eventhandling.gateway.EventGateway;
import org.relais.core.api.PersonalDataAccessedEvent;
import org.relais.core.api.ShareableField;
import org.relais.web.messaging.ActorMetadataSource;
import org.springframework.stereotype.Component;

/**
 * Records a read of personal data as an event before the data is handed out: if the record cannot be stored, the
 * read fails. Being an event, it is chained and audited like every change.
 */
@Component
public class AccessRecorder {

    private final EventGateway events;

    AccessRecorder(EventGateway events) {
        this.events = events;
    }

    public void record(String referralId, Set<ShareableField> fields, String purpose) {
        if (fields.isEmpty()) {
            return;
        }
        events.publish(org.axonframework.eventhandling.GenericEventMessage.asEventMessage(
                        new PersonalDataAccessedEvent(referralId, fields, blankToNull(purpose)))
                .andMetaData(ActorMetadataSource.currentActor()));
    }

    private static String blankToNull(String purpose) {
        return purpose == null || purpose.isBlank() ? null : purpose.strip();
    }
}
