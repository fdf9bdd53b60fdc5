package org.relais.projections.flaggernotices;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.relais.core.api.Category;
import org.relais.core.api.query.FlaggerNoticeView;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.query.NoticeAnswerView;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.referral.TransferState;
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
                             String sealedStatementOfReasons,
                             HostingService hostingService,
                             Set<Category> categories,
                             int noticeCount,
                             List<NoticeAnswerView> answers,
                             String sealedDeclineReason) {

    static final String COLLECTION = "flagger_notices";

    FlaggerNoticeDocument {
        answers = answers == null ? List.of() : List.copyOf(answers);
    }

    static String id(String referralId, String transferId) {
        return referralId + "/" + transferId;
    }

    FlaggerNoticeDocument moved(TransferState newState, Instant newAcknowledgedAt, Instant newDecidedAt,
                                TransferOutcome newDecision, String newStatement, String newDeclineReason) {
        return new FlaggerNoticeDocument(id, referralId, transferId, partnerId, newState, sentAt, deadline,
                newAcknowledgedAt, newDecidedAt, newDecision, newStatement, hostingService, categories, noticeCount,
                answers, newDeclineReason);
    }

    /** With the answer to one more notice; the same document when that notice was answered already (a replay). */
    FlaggerNoticeDocument answered(NoticeAnswerView answer) {
        if (answers.stream().anyMatch(a -> a.noticeIndex() == answer.noticeIndex())) {
            return this;
        }
        List<NoticeAnswerView> all = new ArrayList<>(answers);
        all.add(answer);
        all.sort(Comparator.comparingInt(NoticeAnswerView::noticeIndex));
        return new FlaggerNoticeDocument(id, referralId, transferId, partnerId, state, sentAt, deadline,
                acknowledgedAt, decidedAt, decision, sealedStatementOfReasons, hostingService, categories, noticeCount,
                all, sealedDeclineReason);
    }

    FlaggerNoticeView toView() {
        return new FlaggerNoticeView(referralId, transferId, partnerId, state, sentAt, deadline, acknowledgedAt,
                decidedAt, decision, sealedStatementOfReasons, hostingService, categories, noticeCount, answers,
                sealedDeclineReason);
    }
}
