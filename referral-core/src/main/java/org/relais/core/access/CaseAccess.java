package org.relais.core.access;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.relais.core.api.referral.ConsentWithdrawnEvent;
import org.relais.core.api.referral.TransferAcceptedEvent;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.api.referral.TransferState;

/** The transfers of one case as access decisions need them, folded from the referral's stored events. */
public final class CaseAccess {

    private final Map<String, TransferAccess> transfers = new LinkedHashMap<>();

    /** Folds one of the referral's events, stored at {@code at}; events that grant or end no access are ignored. */
    public CaseAccess apply(Object event, Instant at) {
        if (event instanceof TransferRequestedEvent requested) {
            transfers.put(requested.transferId(), new TransferAccess(requested.transferId(), requested.partnerId(),
                    requested.legalBasis(), TransferState.REQUESTED, null, false));
        } else if (event instanceof TransferAcknowledgedEvent acknowledged) {
            move(acknowledged.transferId(), TransferState.ACKNOWLEDGED, at);
        } else if (event instanceof TransferAcceptedEvent accepted) {
            move(accepted.transferId(), TransferState.ACCEPTED, at);
        } else if (event instanceof TransferDeclinedEvent declined) {
            move(declined.transferId(), TransferState.DECLINED, at);
        } else if (event instanceof TransferCancelledEvent cancelled) {
            move(cancelled.transferId(), TransferState.CANCELLED, at);
        } else if (event instanceof TransferCompletedEvent completed) {
            move(completed.transferId(), TransferState.COMPLETED, at);
        } else if (event instanceof ConsentWithdrawnEvent) {
            transfers.replaceAll((id, transfer) -> transfer.withConsentWithdrawn());
        }
        return this;
    }

    public Optional<TransferAccess> transfer(String transferId) {
        return Optional.ofNullable(transfers.get(transferId));
    }

    /** The case's transfers addressed to {@code partnerId}, in the order they were requested. */
    public List<TransferAccess> transfersTo(String partnerId) {
        return transfers.values().stream().filter(transfer -> transfer.partnerId().equals(partnerId)).toList();
    }

    public List<TransferAccess> transfers() {
        return List.copyOf(transfers.values());
    }

    private void move(String transferId, TransferState state, Instant at) {
        transfers.computeIfPresent(transferId, (id, transfer) -> transfer.withState(state, at));
    }
}
