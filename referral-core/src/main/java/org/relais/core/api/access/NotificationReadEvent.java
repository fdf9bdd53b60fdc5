package org.relais.core.api.access;

import org.axonframework.serialization.Revision;

/**
 * A coordinator marked a notification read; who, in the metadata as for every event. Read marks are events rather
 * than rows of a table beside the read model: the notifications read model is rebuilt from the event store, and a
 * mark kept anywhere else would be lost by a rebuild, or need a second store to back up and to keep in step. As an
 * event it is replayed with everything else, chained and audited, and belongs to no aggregate (reading a
 * notification must not move a case's version), like {@link PersonalDataAccessedEvent}.
 */
@Revision("1")
public record NotificationReadEvent(String notificationId) {
}
