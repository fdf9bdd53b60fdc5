package org.relais.core.referral;

import static org.relais.core.referral.Rejections.require;

import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.TransferState;

/**
 * Only a transfer that came to nothing (DECLINED by the partner or CANCELLED by the coordinator) is sent on, and only
 * once: the case's thread of transfers stays a single line, each one replaced by at most one other, so that the case
 * page and an auditor read one story. A replacement that comes to nothing in turn is re-routed from itself.
 */
final class ReroutePolicy {

    private ReroutePolicy() {
    }

    static void check(Transfer replaced) {
        require(replaced.state() == TransferState.DECLINED || replaced.state() == TransferState.CANCELLED,
                ErrorCode.TRANSFER_NOT_REROUTABLE, "Only a DECLINED or CANCELLED transfer can be re-routed.");
        require(!replaced.isRerouted(), ErrorCode.TRANSFER_ALREADY_REROUTED,
                "This transfer was already re-routed.");
    }
}
