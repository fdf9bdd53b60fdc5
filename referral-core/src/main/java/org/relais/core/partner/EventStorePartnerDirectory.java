package org.relais.core.partner;

import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.relais.core.api.partner.AgreementAmendedEvent;
import org.relais.core.api.partner.AgreementResumedEvent;
import org.relais.core.api.partner.AgreementSignedEvent;
import org.relais.core.api.partner.AgreementSuspendedEvent;
import org.relais.core.api.partner.AgreementTerminatedEvent;
import org.relais.core.api.partner.LiaisonAttachedEvent;
import org.relais.core.api.partner.LiaisonDetachedEvent;
import org.relais.core.api.partner.PartnerRegisteredEvent;
import org.relais.core.api.partner.PartnerStatus;

/**
 * Reads a partner's terms and liaisons from its own events in the event store, at the moment the transfer gate asks.
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

    /**
     * The partner as it stood at {@code asOf} (its events stored up to that instant), or now when {@code asOf} is
     * null: what an auditor needs to replay what a partner was shown then.
     */
    @Override
    public Optional<PartnerTerms> termsAsOf(String partnerId, Instant asOf) {
        if (partnerId == null || partnerId.isBlank()) {
            return Optional.empty();
        }
        PartnerTerms terms = null;
        Iterator<? extends DomainEventMessage<?>> events = eventStore.readEvents(partnerId, 0).asStream().iterator();
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (asOf != null && event.getTimestamp().isAfter(asOf)) {
                break;
            }
            terms = evolve(terms, event.getPayload());
        }
        return Optional.ofNullable(terms);
    }

    private static PartnerTerms evolve(PartnerTerms terms, Object event) {
        if (event instanceof PartnerRegisteredEvent registered) {
            return PartnerTerms.registered(registered.partnerId(), registered.name(), registered.kind());
        }
        if (terms == null) {
            // Ids are shared with other aggregates: a history that does not start with a registration is no partner.
            return null;
        }
        if (event instanceof AgreementSignedEvent signed) {
            return terms.withAgreement(signed.terms());
        }
        if (event instanceof AgreementAmendedEvent amended) {
            return terms.withAgreement(amended.terms());
        }
        if (event instanceof AgreementSuspendedEvent) {
            return terms.withStatus(PartnerStatus.SUSPENDED);
        }
        if (event instanceof AgreementResumedEvent) {
            return terms.withStatus(PartnerStatus.ACTIVE);
        }
        if (event instanceof AgreementTerminatedEvent) {
            return terms.withStatus(PartnerStatus.TERMINATED);
        }
        if (event instanceof LiaisonAttachedEvent attached) {
            Set<String> liaisons = new HashSet<>(terms.liaisons());
            liaisons.add(attached.username());
            return terms.withLiaisons(liaisons);
        }
        if (event instanceof LiaisonDetachedEvent detached) {
            Set<String> liaisons = new HashSet<>(terms.liaisons());
            liaisons.remove(detached.username());
            return terms.withLiaisons(liaisons);
        }
        return terms;
    }
}
