package org.relais.projections.casedetail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.relais.core.api.referral.HostingService;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.query.NoticeAnswerView;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.api.referral.TransferState;
import org.relais.core.api.query.TransferView;
import org.relais.projections.support.NoticeAnswers;

/**
 * One transfer of a case. {@code overdue} is up while the partner has let the deadline pass and still not
 * acknowledged (a declined or cancelled transfer no longer waits); {@code wasOverdue} keeps the record.
 */
class CaseTransfer {

    String transferId;
    String partnerId;
    PartnerKind partnerKind;
    TransferPurpose purpose;
    LegalBasis legalBasis;
    TransferState state;
    Set<ShareableField> sharedFields;
    String sealedMessage;
    Instant requestedAt;
    Instant deadline;
    boolean overdue;
    boolean wasOverdue;
    Instant acknowledgedAt;
    Instant acceptedAt;
    Instant endedAt;
    TransferOutcome outcome;
    String sealedReason;
    String sealedNote;
    boolean consentWithdrawn;
    /** The transfer this one replaced after it came to nothing, and the one that replaced this one; null if none. */
    String reroutedFrom;
    String reroutedTo;
    /** A content removal's hosting service and notice count (null otherwise), and the answers to its notices. */
    HostingService hostingService;
    Integer noticeCount;
    List<NoticeAnswerView> noticeAnswers = new ArrayList<>();

    static CaseTransfer requested(TransferRequestedEvent event, Instant at) {
        CaseTransfer transfer = new CaseTransfer();
        transfer.transferId = event.transferId();
        transfer.partnerId = event.partnerId();
        transfer.partnerKind = event.partnerKind();
        transfer.purpose = event.purpose();
        transfer.legalBasis = event.legalBasis();
        transfer.state = TransferState.REQUESTED;
        transfer.sharedFields = EnumSet.noneOf(ShareableField.class);
        transfer.sharedFields.addAll(event.sharedFields());
        transfer.sealedMessage = event.message();
        transfer.requestedAt = at;
        transfer.deadline = event.deadline();
        transfer.hostingService = event.hostingService();
        transfer.noticeCount = NoticeAnswers.noticeCount(event);
        return transfer;
    }

    void consentWithdrawn() {
        if (legalBasis == LegalBasis.CONSENT) {
            consentWithdrawn = true;
        }
    }

    void end(TransferState newState, Instant at, String reason, String note) {
        state = newState;
        endedAt = at;
        overdue = false;
        sealedReason = reason;
        sealedNote = note;
    }

    TransferView toView() {
        return new TransferView(transferId, partnerId, partnerKind, purpose, legalBasis, state, sharedFields,
                sealedMessage, requestedAt, deadline, overdue, wasOverdue, acknowledgedAt, acceptedAt, endedAt,
                outcome, sealedReason, sealedNote, consentWithdrawn, reroutedFrom, reroutedTo, hostingService, noticeCount,
                noticeAnswers);
    }
}
