package org.relais.projections.caselist;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.relais.core.api.ReferralReceivedEvent;
import org.relais.core.api.ReferralStatus;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps the case list: one document per referral, without personal data. Every write is guarded by the event's
 * sequence number, so a redelivered or replayed event changes nothing twice.
 */
@Component
@ProcessingGroup(CaseListProjection.PROCESSING_GROUP)
class CaseListProjection {

    static final String PROCESSING_GROUP = "case-list";

    private final MongoTemplate mongo;

    CaseListProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(ReferralReceivedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        mongo.upsert(query(where("_id").is(event.referralId())), new Update()
                        .setOnInsert("reference", event.reference())
                        .setOnInsert("status", ReferralStatus.RECEIVED)
                        .setOnInsert("channel", event.channel())
                        .setOnInsert("reporterRole", event.reporterRole())
                        .setOnInsert("ageBand", event.ageBand())
                        .setOnInsert("minor", event.ageBand().isMinor())
                        .setOnInsert("categories", event.categories())
                        .setOnInsert("partnerIds", List.of())
                        .setOnInsert("overdue", false)
                        .setOnInsert("receivedAt", at)
                        .setOnInsert("updatedAt", at)
                        .setOnInsert("version", sequence),
                CaseSummaryDocument.class);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new org.springframework.data.mongodb.core.query.Query(), CaseSummaryDocument.class);
    }
}
