package org.relais.projections.inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.query.NoticeAnswerView;
import org.relais.core.api.query.PartnerInboxItemView;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferState;
import org.springframework.data.annotation.Id;

/** One transfer in its partner's inbox ({@code _id} = referral/transfer); {@code version}: last event applied. */
class InboxItemDocument {

    static final String COLLECTION = "partner_inbox";

    @Id
    String id;
    String referralId;
    String transferId;
    String partnerId;
    String reference;
    AgeBand ageBand;
    RiskLevel riskLevel;
    Set<Category> categories;
    TransferPurpose purpose;
    LegalBasis legalBasis;
    TransferState state;
    Set<ShareableField> sharedFields;
    Instant requestedAt;
    Instant deadline;
    boolean overdue;
    boolean wasOverdue;
    Instant acknowledgedAt;
    Instant endedAt;
    TransferOutcome outcome;
    boolean consentWithdrawn;
    /** The coordination's messages no liaison of the partner has been shown yet. */
    List<String> unreadMessageIds = new ArrayList<>();
    /** A content removal's hosting service and notice count (null otherwise), and the answers to its notices. */
    HostingService hostingService;
    Integer noticeCount;
    List<NoticeAnswerView> noticeAnswers = new ArrayList<>();
    long version;

    static String idOf(String referralId, String transferId) {
        return referralId + "/" + transferId;
    }

    PartnerInboxItemView toView() {
        return new PartnerInboxItemView(referralId, transferId, partnerId, reference, ageBand, riskLevel, categories,
                purpose, legalBasis, state, sharedFields, requestedAt, deadline, overdue, wasOverdue, acknowledgedAt,
                endedAt, outcome, consentWithdrawn, unreadMessageIds == null ? 0 : unreadMessageIds.size(), hostingService,
                noticeCount, noticeAnswers);
    }
}
