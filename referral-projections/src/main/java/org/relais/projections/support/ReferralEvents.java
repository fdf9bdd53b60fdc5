package org.relais.projections.support;

import java.util.Collection;

import org.relais.core.api.ConsentGivenEvent;
import org.relais.core.api.ConsentWithdrawnEvent;
import org.relais.core.api.CoordinatorAssignedEvent;
import org.relais.core.api.DeadlineRescheduledEvent;
import org.relais.core.api.NoteAddedEvent;
import org.relais.core.api.NoticeOutcomeRecordedEvent;
import org.relais.core.api.PersonalDataRectifiedEvent;
import org.relais.core.api.ReferralClosedEvent;
import org.relais.core.api.ReferralErasureRequestedEvent;
import org.relais.core.api.ReferralReceivedEvent;
import org.relais.core.api.ReferralReopenedEvent;
import org.relais.core.api.ReferralStatus;
import org.relais.core.api.ReferralTriagedEvent;
import org.relais.core.api.TransferAcceptedEvent;
import org.relais.core.api.TransferAcknowledgedEvent;
import org.relais.core.api.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.TransferCancelledEvent;
import org.relais.core.api.TransferCompletedEvent;
import org.relais.core.api.TransferDeclinedEvent;
import org.relais.core.api.TransferMessagePostedEvent;
import org.relais.core.api.TransferRequestedEvent;
import org.relais.core.api.TransferReroutedEvent;
import org.relais.core.api.TransferState;

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
