package org.relais.core.api.query;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.relais.core.api.Category;
import org.relais.core.api.EnumSets;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.referral.TransferState;

/**
 * One content-removal transfer as a trusted flagger reports it: when it was sent, acknowledged and decided, what the
 * partner decided, its statement of reasons and decline reason (still sealed here); the hosting service it was
 * addressed to (null when stored before removals named one), the case's categories when it was sent, and the
 * {@code noticeCount} notices it carried (one per content URL) with the answers recorded so far.
 */
public record FlaggerNoticeView(String referralId,
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

    public FlaggerNoticeView {
        categories = EnumSets.copyOf(categories, Category.class);
        answers = answers == null ? List.of() : List.copyOf(answers);
    }
}
