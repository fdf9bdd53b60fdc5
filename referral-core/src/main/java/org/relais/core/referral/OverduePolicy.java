package org.relais.core.referral;

import java.time.Instant;

import org.relais.core.api.referral.TransferState;

/**
 * When a transfer's acknowledgement is overdue: still REQUESTED, not flagged yet, and its deadline reached (a paused deadline, null, is never reached). Anything
 * else makes the overdue command a no-op rather than an error, because the deadline mechanism may fire twice, or
 * late after the partner answered, and neither is a mistake worth a failure.
 */
final class OverduePolicy {

    private OverduePolicy() {
    }

    static boolean isDue(Transfer transfer, Instant now) {
        return transfer.state() == TransferState.REQUESTED
                && !transfer.isOverdue()
                && transfer.deadline() != null
                && !now.isBefore(transfer.deadline());
    }
}
