package org.relais.projections.audittrail;

import java.util.stream.Collectors;

import org.relais.core.api.partner.AgreementAmendedEvent;
import org.relais.core.api.referral.ConversationSide;
import org.relais.core.api.referral.DeadlineRescheduledEvent;
import org.relais.core.api.referral.NoteAddedEvent;
import org.relais.core.api.referral.NoticeOutcomeRecordedEvent;
import org.relais.core.api.access.NotificationReadEvent;
import org.relais.core.api.referral.TransferMessagePostedEvent;
import org.relais.core.api.partner.AgreementResumedEvent;
import org.relais.core.api.partner.AgreementSignedEvent;
import org.relais.core.api.partner.AgreementSuspendedEvent;
import org.relais.core.api.partner.AgreementTerminatedEvent;
import org.relais.core.api.referral.ConsentGivenEvent;
import org.relais.core.api.referral.ConsentWithdrawnEvent;
import org.relais.core.api.referral.CoordinatorAssignedEvent;
import org.relais.core.api.partner.LiaisonAttachedEvent;
import org.relais.core.api.partner.LiaisonDetachedEvent;
import org.relais.core.api.partner.PartnerRegisteredEvent;
import org.relais.core.api.referral.PersonalDataRectifiedEvent;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralErasureRequestedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.core.api.referral.ReferralTriagedEvent;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferAcceptedEvent;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.api.referral.TransferReroutedEvent;

/**
 * One line per event for the audit trail. Only codes, enums, identifiers and staff or organisation names appear:
 * never a sealed value (names, contacts, narrative, free-text reasons and notes), nor the fact that one was given
 * beyond "with a reason".
 */
final class Descriptions {

    private Descriptions() {
    }

    static String of(Object payload) {
        if (payload instanceof ReferralReceivedEvent e) {
            return "Referral " + e.reference() + " received via " + e.channel() + " from " + e.reporterRole()
                    + ", age band " + e.ageBand() + ", categories " + e.categories();
        } else if (payload instanceof ReferralTriagedEvent e) {
            return "Triaged: risk " + e.riskLevel() + ", age band " + e.ageBand() + ", categories " + e.categories();
        } else if (payload instanceof CoordinatorAssignedEvent e) {
            return "Assigned to coordinator " + e.coordinator();
        } else if (payload instanceof ConsentGivenEvent) {
            return "Consent to share given";
        } else if (payload instanceof ConsentWithdrawnEvent) {
            return "Consent to share withdrawn";
        } else if (payload instanceof TransferRequestedEvent e) {
            return "Transfer " + e.transferId() + " requested to partner " + e.partnerId() + " for " + e.purpose()
                    + " on " + e.legalBasis() + ", sharing " + e.sharedFields().stream()
                    .map(ShareableField::jsonName).collect(Collectors.joining(", ", "[", "]"))
                    + ", acknowledgement due " + e.deadline();
        } else if (payload instanceof TransferAcknowledgedEvent e) {
            return "Transfer " + e.transferId() + " acknowledged by partner " + e.partnerId()
                    + (e.wasOverdue() ? " after its deadline" : "");
        } else if (payload instanceof TransferAcceptedEvent e) {
            return "Transfer " + e.transferId() + " accepted by partner " + e.partnerId();
        } else if (payload instanceof TransferDeclinedEvent e) {
            return "Transfer " + e.transferId() + " declined by partner " + e.partnerId() + " with a reason";
        } else if (payload instanceof TransferCompletedEvent e) {
            return "Transfer " + e.transferId() + " completed by partner " + e.partnerId() + ": " + e.outcome();
        } else if (payload instanceof NoticeOutcomeRecordedEvent e) {
            return "Notice " + e.noticeIndex() + " of transfer " + e.transferId() + " answered by the hosting service: "
                    + e.outcome() + (e.statementOfReasons() == null ? ", statement of reasons not provided"
                    : ", statement of reasons " + e.statementOfReasons());
        } else if (payload instanceof TransferCancelledEvent e) {
            return "Transfer " + e.transferId() + " to partner " + e.partnerId() + " cancelled with a reason";
        } else if (payload instanceof DeadlineRescheduledEvent e) {
            return e.deadline() == null ? "Deadline of transfer " + e.transferId() + " paused (" + e.reason() + ")"
                    : "Deadline of transfer " + e.transferId() + " moved to " + e.deadline() + " (" + e.reason() + ")";
        } else if (payload instanceof TransferAcknowledgementOverdueEvent e) {
            return "Transfer " + e.transferId() + " to partner " + e.partnerId() + " not acknowledged by " + e.deadline();
        } else if (payload instanceof ReferralClosedEvent e) {
            return "Closed: " + e.outcome() + (e.duplicateOf() == null ? "" : " of " + e.duplicateOfReference());
        } else if (payload instanceof TransferReroutedEvent e) {
            return "Transfer " + e.transferId() + " re-routed as transfer " + e.reroutedTo();
        } else if (payload instanceof ReferralReopenedEvent) {
            return "Reopened with a reason";
        } else if (payload instanceof ReferralErasureRequestedEvent) {
            return "Erasure of personal data requested";
        } else if (payload instanceof NoteAddedEvent e) {
            return "Internal note " + e.noteId() + " written";
        } else if (payload instanceof TransferMessagePostedEvent e) {
            return "Message " + e.messageId() + " on transfer " + e.transferId() + " from the "
                    + (e.side() == ConversationSide.PARTNER ? "partner " + e.partnerId() : "coordination");
        } else if (payload instanceof NotificationReadEvent e) {
            return "Notification " + e.notificationId() + " marked read";
        } else if (payload instanceof PersonalDataRectifiedEvent e) {
            return "Personal data rectified: " + e.fields().stream().map(Descriptions::rectified)
                    .collect(Collectors.joining(", "));
        } else if (payload instanceof PartnerRegisteredEvent e) {
            return "Partner " + e.partnerId() + " registered: " + e.name() + " (" + e.kind() + ")";
        } else if (payload instanceof AgreementSignedEvent e) {
            return "Agreement signed, in force from " + e.terms().inForceFrom();
        } else if (payload instanceof AgreementAmendedEvent e) {
            return "Agreement amended, in force from " + e.terms().inForceFrom();
        } else if (payload instanceof AgreementSuspendedEvent) {
            return "Agreement suspended";
        } else if (payload instanceof AgreementResumedEvent) {
            return "Agreement resumed";
        } else if (payload instanceof AgreementTerminatedEvent) {
            return "Agreement terminated";
        } else if (payload instanceof LiaisonAttachedEvent e) {
            return "Liaison account " + e.username() + " attached";
        } else if (payload instanceof LiaisonDetachedEvent e) {
            return "Liaison account " + e.username() + " detached";
        }
        return payload.getClass().getSimpleName();
    }

    /** A rectified field by name only; NARRATIVE is an addendum, never a new narrative. */
    private static String rectified(ShareableField field) {
        return switch (field) {
            case VICTIM_NAME -> "victim name";
            case VICTIM_CONTACT -> "victim contact";
            case REPORTER_NAME -> "reporter name";
            case REPORTER_CONTACT -> "reporter contact";
            case NARRATIVE -> "narrative addendum";
            case CONTENT_URLS -> "content URLs";
        };
    }
}
