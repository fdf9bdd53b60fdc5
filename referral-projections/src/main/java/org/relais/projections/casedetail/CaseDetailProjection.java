package org.relais.projections.casedetail;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.FindReferralQuery;
import org.relais.core.api.ReferralDetailView;
import org.relais.core.api.ReferralReceivedEvent;
import org.relais.core.api.ReferralStatus;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps one document per case with everything a reader may be shown, personal data sealed; it is read by id only.
 * Writes are guarded by the event's sequence number, so replays and redeliveries are harmless.
 */
@Component
@ProcessingGroup(CaseDetailProjection.PROCESSING_GROUP)
class CaseDetailProjection {

    static final String PROCESSING_GROUP = "case-detail";

    private final MongoTemplate mongo;

    CaseDetailProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(ReferralReceivedEvent event, @Timestamp Instant at, @SequenceNumber long sequence,
            @MetaDataValue(ActorMetadata.USER) String actor) {
        mongo.upsert(query(where("_id").is(event.referralId())), new Update()
                        .setOnInsert("reference", event.reference())
                        .setOnInsert("status", ReferralStatus.RECEIVED)
                        .setOnInsert("channel", event.channel())
                        .setOnInsert("reporterRole", event.reporterRole())
                        .setOnInsert("ageBand", event.ageBand())
                        .setOnInsert("categories", event.categories())
                        .setOnInsert("personalData", event.personalData())
                        .setOnInsert("consentGiven", false)
                        .setOnInsert("transfers", java.util.List.of())
                        .setOnInsert("erasureRequested", false)
                        .setOnInsert("receivedAt", at)
                        .setOnInsert("receivedBy", actor)
                        .setOnInsert("updatedAt", at)
                        .setOnInsert("version", sequence),
                CaseDetailDocument.class);
    }

    @QueryHandler
    Optional<ReferralDetailView> handle(FindReferralQuery query) {
        return Optional.ofNullable(mongo.findById(query.referralId(), CaseDetailDocument.class))
                .map(CaseDetailDocument::toView);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), CaseDetailDocument.class);
    }
}
