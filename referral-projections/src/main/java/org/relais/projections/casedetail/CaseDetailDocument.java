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

    // One method per later event of the case, each (event, time); the projection then calls changed(at).

    void triaged(ReferralTriagedEvent e, Instant at) {
        triaged = true;
        riskLevel = e.riskLevel();
        categories = EnumSet.noneOf(Category.class);
        categories.addAll(e.categories());
        ageBand = e.ageBand();
    }

    void assigned(CoordinatorAssignedEvent e, Instant at) {
        assignedCoordinator = e.coordinator();
    }

    void consentGiven(ConsentGivenEvent e, Instant at) {
        consentGiven = true;
    }

    void consentWithdrawn(ConsentWithdrawnEvent e, Instant at) {
        consentGiven = false;
        transfers.forEach(CaseTransfer::consentWithdrawn);
    }

    void requested(TransferRequestedEvent e, Instant at) {
        CaseTransfer requested = CaseTransfer.requested(e, at);
        transfers.stream().filter(t -> requested.transferId.equals(t.reroutedTo)).findFirst()
                .ifPresent(replaced -> requested.reroutedFrom = replaced.transferId);
        transfers.add(requested);
    }

    void acknowledged(TransferAcknowledgedEvent e, Instant at) {
        CaseTransfer transfer = transfer(e.transferId());
        transfer.state = TransferState.ACKNOWLEDGED;
        transfer.acknowledgedAt = at;
        transfer.overdue = false;
        transfer.wasOverdue = transfer.wasOverdue || e.wasOverdue();
    }

    void accepted(TransferAcceptedEvent e, Instant at) {
        CaseTransfer transfer = transfer(e.transferId());
        transfer.state = TransferState.ACCEPTED;
        transfer.acceptedAt = at;
    }

    void declined(TransferDeclinedEvent e, Instant at) {
        transfer(e.transferId()).end(TransferState.DECLINED, at, e.reason(), null);
    }

    void cancelled(TransferCancelledEvent e, Instant at) {
        transfer(e.transferId()).end(TransferState.CANCELLED, at, e.reason(), null);
    }

    void completed(TransferCompletedEvent e, Instant at) {
        CaseTransfer transfer = transfer(e.transferId());
        transfer.end(TransferState.COMPLETED, at, e.statementOfReasons(), e.note());
        transfer.outcome = e.outcome();
    }

    /** A null deadline while the partner is suspended: the case shows no deadline rather than a stale one. */
    void rescheduled(DeadlineRescheduledEvent e, Instant at) {
        transfer(e.transferId()).deadline = e.deadline();
    }

    void overdue(TransferAcknowledgementOverdueEvent e, Instant at) {
        CaseTransfer transfer = transfer(e.transferId());
        transfer.overdue = transfer.state == TransferState.REQUESTED;
        transfer.wasOverdue = true;
    }

    void closed(ReferralClosedEvent e, Instant at) {
        closed = true;
        closureOutcome = e.outcome();
        sealedClosureNote = e.note();
        duplicateOf = e.duplicateOf();
        duplicateOfReference = e.duplicateOfReference();
    }

    void reopened(ReferralReopenedEvent e, Instant at) {
        closed = false;
        closureOutcome = null;
        sealedClosureNote = null;
        duplicateOf = null;
        duplicateOfReference = null;
    }

    /** The replacement's request follows and links back. */
    void rerouted(TransferReroutedEvent e, Instant at) {
        transfer(e.transferId()).reroutedTo = e.reroutedTo();
    }

    void answered(NoticeOutcomeRecordedEvent e, Instant at) {
        CaseTransfer transfer = transfer(e.transferId());
        transfer.noticeAnswers = NoticeAnswers.with(transfer.noticeAnswers, NoticeAnswers.of(e));
    }

    void erasureRequested(ReferralErasureRequestedEvent e, Instant at) {
        erasureRequested = true;
    }

    /** A note or a message: its text lives in the conversations read model; here it moves the version and time. */
    void written(Object e, Instant at) {
    }

    /** After any of the above: the status follows, and the case was updated then. */
    void changed(Instant at) {
        status = ReferralEvents.status(closed, triaged, transfers.stream().map(t -> t.state).toList());
        updatedAt = at;
    }

    /**
     * The rectified fields take their new sealed values (each sealed for this case and field, so it opens where the
     * intake's did); an addendum joins the list, the narrative itself stays as first told.
     */
    void rectified(PersonalDataRectifiedEvent event, Instant at) {
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
