package org.relais.projections.casedetail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.ConsentGivenEvent;
import org.relais.core.api.referral.ConsentWithdrawnEvent;
import org.relais.core.api.referral.CoordinatorAssignedEvent;
import org.relais.core.api.referral.DeadlineRescheduledEvent;
import org.relais.core.api.referral.NoteAddedEvent;
import org.relais.core.api.referral.NoticeOutcomeRecordedEvent;
import org.relais.core.api.referral.PersonalDataRectifiedEvent;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.query.ReferralDetailView;
import org.relais.core.api.referral.ReferralErasureRequestedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.referral.ReferralTriagedEvent;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.referral.SealedPersonalDetails;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferAcceptedEvent;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferMessagePostedEvent;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.api.referral.TransferReroutedEvent;
import org.relais.core.api.referral.TransferState;
import org.relais.projections.support.NoticeAnswers;
import org.relais.projections.support.ReferralEvents;
import org.springframework.data.annotation.Id;

/**
 * A case in full; personal data and free texts stay sealed exactly as in the events. {@code version} is the
 * sequence number of the last event applied: an event at or below it is not applied again.
 */
class CaseDetailDocument {

    static final String COLLECTION = "case_detail";

    @Id
    String id;
    String reference;
    ReferralStatus status;
    RiskLevel riskLevel;
    Channel channel;
    ReporterRole reporterRole;
    AgeBand ageBand;
    Set<Category> categories;
    SealedPersonalDetails personalData;
    boolean consentGiven;
    String assignedCoordinator;
    List<CaseTransfer> transfers = new ArrayList<>();
    boolean triaged;
    boolean closed;
    ClosureOutcome closureOutcome;
    String sealedClosureNote;
    /** The case this one repeats (closed as DUPLICATE), by id and reference; null otherwise. */
    String duplicateOf;
    String duplicateOfReference;
    /** The cases closed as duplicates of this one, kept up by {@link CaseDetailProjection}. */
    List<CaseLink> duplicates = new ArrayList<>();
    boolean erasureRequested;
    Instant receivedAt;
    String receivedBy;
    Instant updatedAt;
    long version;
    /** Texts appended to the narrative by rectifications, oldest first, sealed like the narrative. */
    List<String> narrativeAddenda = new ArrayList<>();

    static CaseDetailDocument received(ReferralReceivedEvent event, Instant at, String actor, long sequence) {
        CaseDetailDocument document = new CaseDetailDocument();
        document.id = event.referralId();
        document.reference = event.reference();
        document.channel = event.channel();
        document.reporterRole = event.reporterRole();
        document.ageBand = event.ageBand();
        document.categories = EnumSet.noneOf(Category.class);
        document.categories.addAll(event.categories());
        document.personalData = event.personalData();
        document.receivedAt = at;
        document.receivedBy = actor;
        document.updatedAt = at;
        document.version = sequence;
        document.status = ReferralStatus.RECEIVED;
        return document;
    }

    /** Applies a later event of the case; returns false if it does not concern this read model. */
    boolean apply(Object payload, Instant at) {
        if (payload instanceof ReferralTriagedEvent e) {
            triaged = true;
            riskLevel = e.riskLevel();
            categories = EnumSet.noneOf(Category.class);
            categories.addAll(e.categories());
            ageBand = e.ageBand();
        } else if (payload instanceof CoordinatorAssignedEvent e) {
            assignedCoordinator = e.coordinator();
        } else if (payload instanceof ConsentGivenEvent) {
            consentGiven = true;
        } else if (payload instanceof ConsentWithdrawnEvent) {
            consentGiven = false;
            transfers.forEach(CaseTransfer::consentWithdrawn);
        } else if (payload instanceof TransferRequestedEvent e) {
            CaseTransfer requested = CaseTransfer.requested(e, at);
            transfers.stream().filter(t -> requested.transferId.equals(t.reroutedTo)).findFirst()
                    .ifPresent(replaced -> requested.reroutedFrom = replaced.transferId);
            transfers.add(requested);
        } else if (payload instanceof TransferAcknowledgedEvent e) {
            CaseTransfer transfer = transfer(e.transferId());
            transfer.state = TransferState.ACKNOWLEDGED;
            transfer.acknowledgedAt = at;
            transfer.overdue = false;
            transfer.wasOverdue = transfer.wasOverdue || e.wasOverdue();
        } else if (payload instanceof TransferAcceptedEvent e) {
            CaseTransfer transfer = transfer(e.transferId());
            transfer.state = TransferState.ACCEPTED;
            transfer.acceptedAt = at;
        } else if (payload instanceof TransferDeclinedEvent e) {
            transfer(e.transferId()).end(TransferState.DECLINED, at, e.reason(), null);
        } else if (payload instanceof TransferCancelledEvent e) {
            transfer(e.transferId()).end(TransferState.CANCELLED, at, e.reason(), null);
        } else if (payload instanceof TransferCompletedEvent e) {
            CaseTransfer transfer = transfer(e.transferId());
            transfer.end(TransferState.COMPLETED, at, e.statementOfReasons(), e.note());
            transfer.outcome = e.outcome();
        } else if (payload instanceof DeadlineRescheduledEvent e) {
            // null while the partner is suspended: the case shows no deadline rather than a stale one
            transfer(e.transferId()).deadline = e.deadline();
        } else if (payload instanceof TransferAcknowledgementOverdueEvent e) {
            CaseTransfer transfer = transfer(e.transferId());
            transfer.overdue = transfer.state == TransferState.REQUESTED;
            transfer.wasOverdue = true;
        } else if (payload instanceof ReferralClosedEvent e) {
            closed = true;
            closureOutcome = e.outcome();
            sealedClosureNote = e.note();
            duplicateOf = e.duplicateOf();
            duplicateOfReference = e.duplicateOfReference();
        } else if (payload instanceof ReferralReopenedEvent) {
            closed = false;
            closureOutcome = null;
            sealedClosureNote = null;
            duplicateOf = null;
            duplicateOfReference = null;
        } else if (payload instanceof TransferReroutedEvent e) {
            // the replacement's request follows and links back
            transfer(e.transferId()).reroutedTo = e.reroutedTo();
        } else if (payload instanceof NoticeOutcomeRecordedEvent e) {
            CaseTransfer transfer = transfer(e.transferId());
            transfer.noticeAnswers = NoticeAnswers.with(transfer.noticeAnswers, NoticeAnswers.of(e));
        } else if (payload instanceof ReferralErasureRequestedEvent) {
            erasureRequested = true;
        } else if (payload instanceof NoteAddedEvent || payload instanceof TransferMessagePostedEvent) {
            // Their texts live in the conversations read model; here they only move the case's version and time.
        } else if (payload instanceof PersonalDataRectifiedEvent e) {
            rectify(e);
        } else {
            return false;
        }
        status = ReferralEvents.status(closed, triaged, transfers.stream().map(t -> t.state).toList());
        updatedAt = at;
        return true;
    }

    /**
     * The rectified fields take their new sealed values (each sealed for this case and field, so it opens where the
     * intake's did); an addendum joins the list, the narrative itself stays as first told.
     */
    private void rectify(PersonalDataRectifiedEvent event) {
        SealedPersonalDetails now = personalData;
        SealedPersonalDetails values = event.values();
        Set<ShareableField> fields = event.fields();
        personalData = new SealedPersonalDetails(now.subjectId(),
                fields.contains(ShareableField.VICTIM_NAME) ? values.victimName() : now.victimName(),
                fields.contains(ShareableField.VICTIM_CONTACT) ? values.victimContact() : now.victimContact(),
                fields.contains(ShareableField.REPORTER_NAME) ? values.reporterName() : now.reporterName(),
                fields.contains(ShareableField.REPORTER_CONTACT) ? values.reporterContact() : now.reporterContact(),
                now.narrative(),
                fields.contains(ShareableField.CONTENT_URLS) ? values.contentUrls() : now.contentUrls());
        if (fields.contains(ShareableField.NARRATIVE) && values.narrative() != null) {
            narrativeAddenda.add(values.narrative());
        }
    }

    private CaseTransfer transfer(String transferId) {
        return transfers.stream().filter(t -> t.transferId.equals(transferId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("event for an unknown transfer"));
    }

    ReferralDetailView toView() {
        return new ReferralDetailView(id, reference, status, riskLevel, channel, reporterRole, ageBand,
                categories, personalData, consentGiven, assignedCoordinator,
                transfers.stream().map(CaseTransfer::toView).toList(), closureOutcome, erasureRequested, receivedAt,
                receivedBy, updatedAt, version, duplicateOf, duplicateOfReference,
                duplicates.stream().map(CaseLink::toView).toList(), narrativeAddenda);
    }
}
