package org.relais.projections.flaggernotices;

import java.time.Instant;

import org.relais.core.api.FlaggerNoticeView;
import org.relais.core.api.TransferOutcome;
import org.relais.core.api.TransferState;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

@Document(FlaggerNoticeDocument.COLLECTION)
record FlaggerNoticeDocument(@Id String id,
                             String referralId,
                             String transferId,
                             String partnerId,
                             TransferState state,
                             Instant sentAt,
                             Instant deadline,
                             Instant acknowledgedAt,
                             Instant decidedAt,
                             TransferOutcome decision,
                             String sealedStatementOfReasons) {

    static final String COLLECTION = "flagger_notices";

    static String id(String referralId, String transferId) {
        return referralId + "/" + transferId;
    }

    FlaggerNoticeView toView() {
        return new FlaggerNoticeView(referralId, transferId, partnerId, state, sentAt, deadline, acknowledgedAt,
                decidedAt, decision, sealedStatementOfReasons);
    }
}
