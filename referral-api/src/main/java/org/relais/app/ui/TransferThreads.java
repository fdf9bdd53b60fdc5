package org.relais.app.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.relais.app.referral.ReferralResponse;

/**
 * The case page reads a re-routed transfer and its replacements as one thread: each transfer that replaces none
 * starts a thread, followed by the transfer that replaced it, and so on; threads in the order they started.
 */
final class TransferThreads {

    private TransferThreads() {
    }

    static List<ReferralResponse.Transfer> ordered(List<ReferralResponse.Transfer> transfers) {
        Map<String, ReferralResponse.Transfer> byId = new LinkedHashMap<>();
        transfers.forEach(transfer -> byId.put(transfer.transferId(), transfer));
        List<ReferralResponse.Transfer> ordered = new ArrayList<>();
        for (ReferralResponse.Transfer transfer : transfers) {
            if (transfer.reroutedFrom() != null && byId.containsKey(transfer.reroutedFrom())) {
                continue;
            }
            for (ReferralResponse.Transfer next = transfer; next != null && !ordered.contains(next);
                 next = next.reroutedTo() == null ? null : byId.get(next.reroutedTo())) {
                ordered.add(next);
            }
        }
        return ordered;
    }

    /** The partner of each transfer, to name the other end of a link. */
    static Map<String, String> partners(List<ReferralResponse.Transfer> transfers) {
        Map<String, String> partners = new HashMap<>();
        transfers.forEach(transfer -> partners.put(transfer.transferId(), transfer.partnerId()));
        return partners;
    }
}
