package org.relais.projections.support;

import java.util.Collection;

import org.relais.core.api.referral.ConsentGivenEvent;
import org.relais.core.api.referral.ConsentWithdrawnEvent;
import org.relais.core.api.referral.CoordinatorAssignedEvent;
import org.relais.core.api.referral.DeadlineRescheduledEvent;
import org.relais.core.api.referral.NoteAddedEvent;
import org.relais.core.api.referral.NoticeOutcomeRecordedEvent;
import org.relais.core.api.referral.PersonalDataRectifiedEvent;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralErasureRequestedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.referral.ReferralTriagedEvent;
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

/** Facts about referral events shared by the read models. */
public final class ReferralEvents {

    private ReferralEvents() {
    }

    /** The referral an event belongs to, or null for events of other aggregates. */
    public static String referralId(Object payload) {
        if (payload instanceof ReferralReceivedEvent e) {
            return e.referralId();
        } else if (payload instanceof ReferralTriagedEvent e) {
            return e.referralId();
        } else if (payload instanceof CoordinatorAssignedEvent e) {
            return e.referralId();
        } else if (payload instanceof ConsentGivenEvent e) {
            return e.referralId();
        } else if (payload instanceof ConsentWithdrawnEvent e) {
            return e.referralId();
        } else if (payload instanceof TransferRequestedEvent e) {
            return e.referralId();
        } else if (payload instanceof TransferAcknowledgedEvent e) {
            return e.referralId();
        } else if (payload instanceof TransferAcceptedEvent e) {
            return e.referralId();
        } else if (payload instanceof TransferDeclinedEvent e) {
            return e.referralId();
        } else if (payload instanceof TransferCompletedEvent e) {
            return e.referralId();
        } else if (payload instanceof TransferCancelledEvent e) {
            return e.referralId();
        } else if (payload instanceof TransferAcknowledgementOverdueEvent e) {
            return e.referralId();
        } else if (payload instanceof DeadlineRescheduledEvent e) {
            return e.referralId();
        } else if (payload instanceof ReferralClosedEvent e) {
            return e.referralId();
        } else if (payload instanceof ReferralReopenedEvent e) {
            return e.referralId();
        } else if (payload instanceof ReferralErasureRequestedEvent e) {
            return e.referralId();
        } else if (payload instanceof TransferReroutedEvent e) {
            return e.referralId();
        } else if (payload instanceof NoteAddedEvent e) {
            return e.referralId();
        } else if (payload instanceof TransferMessagePostedEvent e) {
            return e.referralId();
        } else if (payload instanceof PersonalDataRectifiedEvent e) {
            return e.referralId();
        } else if (payload instanceof NoticeOutcomeRecordedEvent e) {
            return e.referralId();
        }
        return null;
    }

    /**
     * The status rule of the domain: CLOSED if closed; else RECEIVED until triaged; else IN_PROGRESS while any
     * transfer is requested, acknowledged or accepted; else TRIAGED.
     */
    public static ReferralStatus status(boolean closed, boolean triaged, Collection<TransferState> transfers) {
        if (closed) {
            return ReferralStatus.CLOSED;
        }
        if (!triaged) {
            return ReferralStatus.RECEIVED;
        }
        boolean active = transfers.stream().anyMatch(state -> state == TransferState.REQUESTED
                || state == TransferState.ACKNOWLEDGED || state == TransferState.ACCEPTED);
        return active ? ReferralStatus.IN_PROGRESS : ReferralStatus.TRIAGED;
    }
}
