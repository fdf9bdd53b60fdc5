package org.relais.projections.flaggernotices;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.relais.core.api.FindFlaggerNoticesQuery;
import org.relais.core.api.FlaggerNoticeView;
import org.relais.core.api.TransferAcceptedEvent;
import org.relais.core.api.TransferAcknowledgedEvent;
import org.relais.core.api.TransferCancelledEvent;
import org.relais.core.api.TransferCompletedEvent;
import org.relais.core.api.TransferDeclinedEvent;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.TransferRequestedEvent;
import org.relais.core.api.TransferState;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The content-removal notices the service sent as a trusted flagger, for the yearly transparency report: each
 * transfer for CONTENT_REMOVAL with when it was sent, acknowledged and decided. Every update sets values taken
 * from the event itself, so a replayed event writes the same values again.
 */
@Component
@ProcessingGroup(FlaggerNoticesProjection.PROCESSING_GROUP)
class FlaggerNoticesProjection implements InitializingBean {

    static final String PROCESSING_GROUP = "flagger-notices";

    private final MongoTemplate mongo;

    FlaggerNoticesProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(FlaggerNoticeDocument.class).createIndex(new Index().on("sentAt", Sort.Direction.ASC)
                .on("_id", Sort.Direction.ASC).named("sent"));
    }

    @EventHandler
    void on(TransferRequestedEvent event, @Timestamp Instant at) {
        if (event.purpose() != TransferPurpose.CONTENT_REMOVAL) {
            return;
        }
        mongo.upsert(byId(event.referralId(), event.transferId()), new Update()
                .setOnInsert("referralId", event.referralId())
                .setOnInsert("transferId", event.transferId())
                .setOnInsert("partnerId", event.partnerId())
                .setOnInsert("state", TransferState.REQUESTED)
                .setOnInsert("sentAt", at)
                .setOnInsert("deadline", event.deadline()), FlaggerNoticeDocument.class);
    }

    @EventHandler
    void on(TransferAcknowledgedEvent event, @Timestamp Instant at) {
        update(event.referralId(), event.transferId(), new Update().set("acknowledgedAt", at)
                .set("state", TransferState.ACKNOWLEDGED), List.of(TransferState.REQUESTED));
    }

    @EventHandler
    void on(TransferAcceptedEvent event) {
        update(event.referralId(), event.transferId(), new Update().set("state", TransferState.ACCEPTED),
                List.of(TransferState.ACKNOWLEDGED));
    }

    @EventHandler
    void on(TransferDeclinedEvent event, @Timestamp Instant at) {
        update(event.referralId(), event.transferId(), new Update().set("decidedAt", at)
                .set("state", TransferState.DECLINED), List.of(TransferState.REQUESTED, TransferState.ACKNOWLEDGED));
    }

    @EventHandler
    void on(TransferCancelledEvent event, @Timestamp Instant at) {
        update(event.referralId(), event.transferId(), new Update().set("decidedAt", at)
                .set("state", TransferState.CANCELLED), List.of(TransferState.REQUESTED, TransferState.ACKNOWLEDGED,
                TransferState.ACCEPTED));
    }

    @EventHandler
    void on(TransferCompletedEvent event, @Timestamp Instant at) {
        update(event.referralId(), event.transferId(), new Update().set("decidedAt", at)
                .set("state", TransferState.COMPLETED).set("decision", event.outcome())
                .set("sealedStatementOfReasons", event.statementOfReasons()), List.of(TransferState.ACCEPTED,
                TransferState.ACKNOWLEDGED, TransferState.REQUESTED));
    }

    @QueryHandler
    List<FlaggerNoticeView> handle(FindFlaggerNoticesQuery query) {
        Criteria sent = where("sentAt");
        if (query.from() != null) {
            sent = sent.gte(query.from());
        }
        if (query.to() != null) {
            sent = sent.lt(query.to());
        }
        Query filter = query.from() == null && query.to() == null ? new Query() : new Query(sent);
        return mongo.find(filter.with(Sort.by("sentAt", "_id")), FlaggerNoticeDocument.class).stream()
                .map(FlaggerNoticeDocument::toView).toList();
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), FlaggerNoticeDocument.class);
    }

    private void update(String referralId, String transferId, Update update, List<TransferState> from) {
        // only moves forward: a transfer's state never goes back, so a replayed older event changes nothing
        mongo.updateFirst(byId(referralId, transferId).addCriteria(where("state").in(from)), update,
                FlaggerNoticeDocument.class);
    }

    private static Query byId(String referralId, String transferId) {
        return query(where("_id").is(FlaggerNoticeDocument.id(referralId, transferId)));
    }
}
