package org.relais.core.referral;

import java.time.Duration;
import java.time.Instant;

import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.referral.DeadlineRescheduleReason;
import org.relais.core.api.referral.DeadlineRescheduledEvent;
import org.relais.core.api.partner.PartnerStatus;
import org.relais.core.api.partner.SlaKind;
import org.relais.core.api.referral.TransferState;
import org.relais.core.partner.DeadlineCalendar;
import org.relais.core.partner.PartnerTerms;

/**
 * How a transfer's acknowledgement deadline follows its partner's agreement after the request. Only a deadline still
 * running moves: the transfer is REQUESTED and not flagged overdue (an acknowledged, answered or overdue transfer
 * keeps its history as it was).
 * <ul>
 * <li>Suspension pauses the deadline, keeping the partner's open time that was left until it.</li>
 * <li>Resumption restarts it: the open time left runs from the resumption on the calendar in force then.</li>
 * <li>An amended calendar recomputes it: from the request with the transfer's SLA on the new calendar, or, after a
 * pause, from the resumption with the open time that was left then. The SLA is the one recorded on the request;
 * it is read as working days only when the agreement now counts working days and the SLA is whole days.</li>
 * </ul>
 * Each decision reads the partner's status and terms as they are now rather than trusting the reason alone, so a
 * late or repeated command never pauses a resumed partner's transfer or resumes a suspended one.
 */
final class DeadlinePolicy {

    private static final Duration SAME_DEADLINE = Duration.ofSeconds(1);

    private DeadlinePolicy() {
    }

    /** The change to record, or null when the deadline already agrees with the partner. */
    static DeadlineRescheduledEvent change(Transfer transfer, DeadlineRescheduleReason reason, PartnerTerms partner,
                                           Instant now) {
        if (reason == null || partner == null || partner.agreement() == null
                || transfer.state() != TransferState.REQUESTED || transfer.isOverdue()) {
            return null;
        }
        AgreementTerms terms = partner.agreement();
        return switch (reason) {
            case SUSPENDED -> transfer.isPaused() || partner.status() != PartnerStatus.SUSPENDED ? null
                    : event(transfer, reason, null, DeadlineCalendar.openTimeBetween(terms, now, transfer.deadline()));
            case RESUMED -> !transfer.isPaused() || partner.status() != PartnerStatus.ACTIVE ? null
                    : event(transfer, reason, DeadlineCalendar.deadline(terms, now, transfer.openTimeLeft()),
                    transfer.openTimeLeft());
            case CALENDAR_AMENDED -> transfer.isPaused() || partner.status() != PartnerStatus.ACTIVE ? null
                    : recomputed(transfer, terms);
        };
    }

    private static DeadlineRescheduledEvent recomputed(Transfer transfer, AgreementTerms terms) {
        Instant deadline;
        if (transfer.resumedAt() != null) {
            deadline = DeadlineCalendar.deadline(terms, transfer.resumedAt(), transfer.openTimeLeft());
        } else if (terms.slaKind() == SlaKind.WORKING_DAYS && isWholeDays(transfer.sla())) {
            deadline = DeadlineCalendar.workingDaysDeadline(terms, transfer.requestedAt(), transfer.sla().toDays());
        } else {
            deadline = DeadlineCalendar.deadline(terms, transfer.requestedAt(), transfer.sla());
        }
        // The request's recorded time and the service clock the first deadline was computed with differ by the time
        // the command took: a recomputation that lands within a second of the current deadline moved nothing.
        return Duration.between(transfer.deadline(), deadline).abs().compareTo(SAME_DEADLINE) < 0 ? null
                : event(transfer, DeadlineRescheduleReason.CALENDAR_AMENDED, deadline, null);
    }

    private static boolean isWholeDays(Duration sla) {
        return sla.toDays() >= 1 && sla.equals(Duration.ofDays(sla.toDays()));
    }

    private static DeadlineRescheduledEvent event(Transfer transfer, DeadlineRescheduleReason reason,
                                                  Instant deadline, Duration openTimeLeft) {
        return new DeadlineRescheduledEvent(transfer.referralId(), transfer.transferId(), transfer.partnerId(),
                reason, deadline, openTimeLeft);
    }
}
