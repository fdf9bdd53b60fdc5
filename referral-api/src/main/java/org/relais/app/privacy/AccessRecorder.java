package org.relais.app.privacy;

import java.util.Set;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.relais.core.api.access.PersonalDataAccessedEvent;
import org.relais.core.api.ShareableField;
import org.relais.app.messaging.ActorMetadataSource;
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

    /**
     * @param fields the personal fields shown
     * @param texts  the sealed free texts opened (see {@link PersonalDataAccessedEvent#textOf})
     */
    public void record(String referralId, Set<ShareableField> fields, Set<String> texts, String purpose) {
        if (fields.isEmpty() && texts.isEmpty()) {
            return;
        }
        publish(referralId, fields, texts, purpose);
    }

    /**
     * Records that a case's history or texts left the system in an export, even when no personal field is in it:
     * an export is a copy out of reach of erasure and of the access rules, so each one is accounted for.
     */
    public void recordExport(String referralId, Set<String> texts, String purpose) {
        publish(referralId, Set.of(), texts, purpose);
    }

    private void publish(String referralId, Set<ShareableField> fields, Set<String> texts, String purpose) {
        events.publish(GenericEventMessage.asEventMessage(
                        new PersonalDataAccessedEvent(referralId, fields, texts, blankToNull(purpose)))
                .andMetaData(ActorMetadataSource.currentActor()));
    }

    private static String blankToNull(String purpose) {
        return purpose == null || purpose.isBlank() ? null : purpose.strip();
    }
}
