package org.relais.core.referral;

import static org.relais.core.referral.Rejections.require;

import java.util.Collection;

import org.relais.core.api.ErrorCode;
import org.relais.core.api.TransferPurpose;

/** A partner works on one purpose of a case once at a time: a second request would only duplicate the work. */
final class OneOpenTransferPolicy {

    private OneOpenTransferPolicy() {
    }

    static void check(Collection<Transfer> transfers, String partnerId, TransferPurpose purpose) {
        require(transfers.stream().noneMatch(t -> t.isActive() && t.isFor(partnerId, purpose)),
                ErrorCode.TRANSFER_ALREADY_OPEN,
                "This partner already has an open transfer of this case for this purpose.");
    }
}
