package org.relais.core.api;

import java.time.Instant;
import java.util.Set;

/**
 * One transfer in a partner's inbox, with what the partner may know of the case and no personal data;
 * {@code consentWithdrawn}: it rested on consent, withdrawn since, and opens nothing any more;
 * {@code unreadMessages}: messages of the coordination in the transfer's conversation no liaison of the partner has
 * been shown yet.
 */
public record PartnerInboxItemView(String referralId,
                                   String transferId,
                                   String partnerId,
                                   String reference,
                                   AgeBand ageBand,
                                   RiskLevel riskLevel,
                                   Set<Category> categories,
                                   TransferPurpose purpose,
                                   LegalBasis legalBasis,
                                   TransferState state,
                                   Set<ShareableField> sharedFields,
                                   Instant requestedAt,
                                   Instant deadline,
                                   boolean overdue,
                                   boolean wasOverdue,
                                   Instant acknowledgedAt,
                                   Instant endedAt,
                                   TransferOutcome outcome,
                                   boolean consentWithdrawn,
                                   int unreadMessages) {
}
