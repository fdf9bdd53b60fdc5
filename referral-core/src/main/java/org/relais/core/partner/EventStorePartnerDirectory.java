package org.relais.core.partner;

import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.relais.core.api.AgreementAmendedEvent;
import org.relais.core.api.AgreementResumedEvent;
import org.relais.core.api.AgreementSignedEvent;
import org.relais.core.api.AgreementSuspendedEvent;
import org.relais.core.api.AgreementTerminatedEvent;
import org.relais.core.api.PartnerRegisteredEvent;
import org.relais.core.api.PartnerStatus;

/**
 * Reads a partner's terms from its own events in the event store, at the moment the transfer gate asks.
 * <p>
 * Why a transfer requested after a suspension was stored is always rejected: a suspension command answers only once
 * its event is committed to the event store, and this directory reads that same store synchronously, inside the
 * transfer command, with no projection or cache in between. Any transfer handled after that commit therefore folds
 * the suspension in. Only a transfer racing a suspension that has not committed yet can pass, and that transfer was
 * requested before the suspension was stored.
 * <p>
 * The history is read from the first event, never from a snapshot: a snapshot holds the Partner aggregate in
 * whatever shape it has today, while the events are the stable, revisioned contract. A partner has a handful of
 * events, so the full read stays cheap.
 */
public class EventStorePartnerDirectory implements PartnerDirectory {

    private final EventStore eventStore;

    public EventStorePartnerDirectory(EventStore eventStore) {
        this.eventStore = Objects.requireNonNull(eventStore, "eventStore");
    }

    @Override
    public Optional<PartnerTerms> currentTerms(String partnerId) {
        if (partnerId == null || partnerId.isBlank()) {
            return Optional.empty();
        }
        PartnerTerms terms = null;
        Iterator<? extends DomainEventMessage<?>> events = eventStore.readEvents(partnerId, 0).asStream().iterator();
        while (events.hasNext()) {
            terms = evolve(terms, events.next().getPayload());
        }
        return Optional.ofNullable(terms);
    }

    private static PartnerTerms evolve(PartnerTerms terms, Object event) {
        if (event instanceof PartnerRegisteredEvent registered) {
            return new PartnerTerms(registered.partnerId(), registered.kind(), PartnerStatus.ACTIVE, null);
        }
        if (terms == null) {
            // Ids are shared with other aggregates: a history that does not start with a registration is no partner.
            return null;
        }
        if (event instanceof AgreementSignedEvent signed) {
            return new PartnerTerms(terms.partnerId(), terms.kind(), terms.status(), signed.terms());
        }
        if (event instanceof AgreementAmendedEvent amended) {
            return new PartnerTerms(terms.partnerId(), terms.kind(), terms.status(), amended.terms());
        }
        if (event instanceof AgreementSuspendedEvent) {
            return withStatus(terms, PartnerStatus.SUSPENDED);
        }
        if (event instanceof AgreementResumedEvent) {
            return withStatus(terms, PartnerStatus.ACTIVE);
        }
        if (event instanceof AgreementTerminatedEvent) {
            return withStatus(terms, PartnerStatus.TERMINATED);
        }
        return terms;
    }

    private static PartnerTerms withStatus(PartnerTerms terms, PartnerStatus status) {
        return new PartnerTerms(terms.partnerId(), terms.kind(), status, terms.agreement());
    }
}
