package org.relais.core.access;

import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Reads what a case's transfers grant from the referral's own events in the event store, when a read asks. A
 * transfer completed, declined or cancelled, or a consent withdrawn, is refused to partners from the moment its
 * command commits, on every instance, because nothing stands between the commit and this read: no read model, no
 * cache. The read model a page is drawn from may lag; the decision never does.
 */
public class CaseAccessLedger {

    private final EventStore eventStore;

    public CaseAccessLedger(EventStore eventStore) {
        this.eventStore = Objects.requireNonNull(eventStore, "eventStore");
    }

    public CaseAccess now(String referralId) {
        return asOf(referralId, null);
    }

    /** The case's transfers as they stood at {@code asOf} (events stored up to then), or now when it is null. */
    public CaseAccess asOf(String referralId, Instant asOf) {
        CaseAccess access = new CaseAccess();
        Iterator<? extends DomainEventMessage<?>> events = eventStore.readEvents(referralId, 0).asStream().iterator();
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (asOf != null && event.getTimestamp().isAfter(asOf)) {
                break;
            }
            access.apply(event.getPayload(), event.getTimestamp());
        }
        return access;
    }
}
