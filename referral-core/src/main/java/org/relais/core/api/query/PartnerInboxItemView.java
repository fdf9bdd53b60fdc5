package org.relais.core.api.query;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferState;

/**
 * One transfer in a partner's inbox, with what the partner may know of the case and no personal data;
 * {@code consentWithdrawn}: it rested on consent, withdrawn since, and opens nothing any more;
 * {@code unreadMessages}: messages of the coordination in the transfer's conversation no liaison of the partner has
 * been shown yet. A content removal names its {@code hostingService} and carries {@code noticeCount} notices with
 * the hosting service's {@code noticeAnswers} recorded so far, by index (a URL is personal data: the inbox has none);
 * both are null for other purposes and for removals stored before they were recorded.
 */
public record PartnerInboxItemView(String referralId,
                                   String transferId,
                                   String partnerId,
                                   String reference,
                                   AgeBand ageBand,
                                   RiskLevel riskLevel,
                                   Set<Category> categories,
                                   TransferPurpose purpose,
                                   LegalBasis legalBasis,
                                   TransferState state,
                                   Set<ShareableField> sharedFields,
                                   Instant requestedAt,
                                   Instant deadline,
                                   boolean overdue,
                                   boolean wasOverdue,
                                   Instant acknowledgedAt,
                                   Instant endedAt,
                                   TransferOutcome outcome,
                                   boolean consentWithdrawn,
                                   int unreadMessages,
                                   HostingService hostingService,
                                   Integer noticeCount,
                                   List<NoticeAnswerView> noticeAnswers) {

    public PartnerInboxItemView {
        noticeAnswers = noticeAnswers == null ? List.of() : List.copyOf(noticeAnswers);
    }

    /** The same item with {@code answers} in place of its notices' answers (as a reader is shown them). */
    public PartnerInboxItemView withNoticeAnswers(List<NoticeAnswerView> answers) {
        return new PartnerInboxItemView(referralId, transferId, partnerId, reference, ageBand, riskLevel, categories,
                purpose, legalBasis, state, sharedFields, requestedAt, deadline, overdue, wasOverdue, acknowledgedAt,
                endedAt, outcome, consentWithdrawn, unreadMessages, hostingService, noticeCount, answers);
    }
}
