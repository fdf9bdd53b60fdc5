package org.relais.projections.partnerdirectory;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.relais.core.api.partner.AgreementAmendedEvent;
import org.relais.core.api.partner.AgreementResumedEvent;
import org.relais.core.api.partner.AgreementSignedEvent;
import org.relais.core.api.partner.AgreementSuspendedEvent;
import org.relais.core.api.partner.AgreementTerminatedEvent;
import org.relais.core.api.query.FindPartnerQuery;
import org.relais.core.api.query.FindPartnersQuery;
import org.relais.core.api.partner.LiaisonAttachedEvent;
import org.relais.core.api.partner.LiaisonDetachedEvent;
import org.relais.core.api.partner.PartnerRegisteredEvent;
import org.relais.core.api.partner.PartnerStatus;
import org.relais.core.api.query.PartnerView;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The partner directory as everybody reads it: each partner with its current agreement, status and liaisons. Every
 * change is guarded by the event's sequence number, so a redelivered or replayed event changes nothing twice. The
 * transfer gate never reads this: it reads the partner's own events (EventStorePartnerDirectory).
 */
@Component
@ProcessingGroup(PartnerDirectoryProjection.PROCESSING_GROUP)
class PartnerDirectoryProjection {

    static final String PROCESSING_GROUP = "partner-directory";

    private final MongoTemplate mongo;

    PartnerDirectoryProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(PartnerRegisteredEvent event, @SequenceNumber long sequence) {
        mongo.upsert(query(where("_id").is(event.partnerId())), new Update()
                        .setOnInsert("name", event.name())
                        .setOnInsert("kind", event.kind())
                        .setOnInsert("status", PartnerStatus.ACTIVE)
                        .setOnInsert("liaisons", List.of())
                        .setOnInsert("version", sequence),
                PartnerDocument.class);
    }

    @EventHandler
    void on(AgreementSignedEvent event, @SequenceNumber long sequence) {
        apply(event.partnerId(), sequence, new Update().set("agreement", PartnerDocument.Terms.of(event.terms())));
    }

    @EventHandler
    void on(AgreementAmendedEvent event, @SequenceNumber long sequence) {
        apply(event.partnerId(), sequence, new Update().set("agreement", PartnerDocument.Terms.of(event.terms())));
    }

    @EventHandler
    void on(AgreementSuspendedEvent event, @SequenceNumber long sequence) {
        apply(event.partnerId(), sequence, new Update().set("status", PartnerStatus.SUSPENDED));
    }

    @EventHandler
    void on(AgreementResumedEvent event, @SequenceNumber long sequence) {
        apply(event.partnerId(), sequence, new Update().set("status", PartnerStatus.ACTIVE));
    }

    @EventHandler
    void on(AgreementTerminatedEvent event, @SequenceNumber long sequence) {
        apply(event.partnerId(), sequence, new Update().set("status", PartnerStatus.TERMINATED));
    }

    @EventHandler
    void on(LiaisonAttachedEvent event, @SequenceNumber long sequence) {
        apply(event.partnerId(), sequence, new Update().addToSet("liaisons", event.username()));
    }

    @EventHandler
    void on(LiaisonDetachedEvent event, @SequenceNumber long sequence) {
        apply(event.partnerId(), sequence, new Update().pull("liaisons", event.username()));
    }

    @QueryHandler
    List<PartnerView> handle(FindPartnersQuery query) {
        return mongo.find(new Query().with(Sort.by("name", "_id")), PartnerDocument.class).stream()
                .map(PartnerDocument::toView)
                .toList();
    }

    @QueryHandler
    Optional<PartnerView> handle(FindPartnerQuery query) {
        return Optional.ofNullable(query.partnerId() == null ? null
                        : mongo.findById(query.partnerId(), PartnerDocument.class))
                .map(PartnerDocument::toView);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), PartnerDocument.class);
    }

    /** Applies a change only if the document has not seen this event yet (its version is older). */
    private void apply(String partnerId, long sequence, Update change) {
        mongo.updateFirst(query(where("_id").is(partnerId).and("version").lt(sequence)),
                change.set("version", sequence), PartnerDocument.class);
    }
}
