package org.relais.projections.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.relais.core.api.query.NoticeAnswerView;
import org.relais.core.api.referral.NoticeOutcomeRecordedEvent;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferRequestedEvent;

/** The hosting service's answers to a content removal's notices, as the read models keep them: by index, in order. */
public final class NoticeAnswers {

    private NoticeAnswers() {
    }

    public static NoticeAnswerView of(NoticeOutcomeRecordedEvent event) {
        return new NoticeAnswerView(event.noticeIndex(), event.outcome(), event.actedAt(), event.statementOfReasons());
    }

    /**
     * {@code answers} with {@code answer} added in index order; unchanged when that notice has its answer already
     * (each notice is answered once, so this is a replay or a redelivery).
     */
    public static List<NoticeAnswerView> with(List<NoticeAnswerView> answers, NoticeAnswerView answer) {
        List<NoticeAnswerView> all = new ArrayList<>(answers == null ? List.of() : answers);
        if (all.stream().noneMatch(a -> a.noticeIndex() == answer.noticeIndex())) {
            all.add(answer);
            all.sort(Comparator.comparingInt(NoticeAnswerView::noticeIndex));
        }
        return all;
    }

    /**
     * A content removal's notices: as recorded, or one for a removal stored before they were counted (as the referral
     * and the trusted-flagger report count it); null for any other purpose.
     */
    public static Integer noticeCount(TransferRequestedEvent event) {
        return event.noticeCount() != null ? event.noticeCount()
                : event.purpose() == TransferPurpose.CONTENT_REMOVAL ? Integer.valueOf(1) : null;
    }
}
