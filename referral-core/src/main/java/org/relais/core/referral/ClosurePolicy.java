package org.relais.core.referral;

import static org.relais.core.referral.Rejections.require;

import java.util.Collection;

import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.ErrorCode;

/**
 * A case is not closed under a partner who has not answered yet: a REQUESTED or ACKNOWLEDGED transfer must be
 * accepted, declined or cancelled first. An ACCEPTED transfer does not block closure (docs/design.md, "Transfers").
 */
final class ClosurePolicy {

    private ClosurePolicy() {
    }

    static void check(ClosureOutcome outcome, Collection<Transfer> transfers) {
        require(outcome != null, ErrorCode.INVALID_INPUT, "A closure needs an outcome.");
        require(transfers.stream().noneMatch(Transfer::isAwaitingAnswer), ErrorCode.OPEN_TRANSFERS_BLOCK_CLOSURE,
                "Transfers still awaiting the partner's answer block the closure.");
    }
}
