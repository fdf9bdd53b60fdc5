package org.relais.core.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A case in full, as read models keep it: personal data still sealed. The web edge opens only the fields the
 * reader may see, and records that it did.
 */
public record ReferralDetailView(String referralId,
                                 String reference,
                                 ReferralStatus status,
                                 RiskLevel riskLevel,
                                 Channel channel,
                                 ReporterRole reporterRole,
                                 AgeBand ageBand,
                                 Set<Category> categories,
                                 SealedPersonalDetails personalData,
                                 boolean consentGiven,
                                 String assignedCoordinator,
                                 List<TransferView> transfers,
                                 ClosureOutcome closureOutcome,
                                 boolean erasureRequested,
                                 Instant receivedAt,
                                 String receivedBy,
                                 Instant updatedAt,
                                 long version) {

    public ReferralDetailView {
        transfers = transfers == null ? List.of() : List.copyOf(transfers);
    }
}
