package org.relais.core.api.query;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.referral.SealedPersonalDetails;

/**
 * A case in full, as read models keep it: personal data still sealed. The web edge opens only the fields the
 * reader may see, and records that it did. {@code duplicateOf} and {@code duplicateOfReference} name the case this one
 * was closed as a duplicate of; {@code duplicates} lists the cases closed as duplicates of this one.
 * {@code personalData} holds the current values (rectifications applied);
 * {@code narrativeAddenda} the texts appended to the narrative since, oldest first, each sealed as a narrative.
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
                                 long version,
                                 String duplicateOf,
                                 String duplicateOfReference,
                                 List<CaseLinkView> duplicates,
                                 List<String> narrativeAddenda) {

    public ReferralDetailView {
        transfers = transfers == null ? List.of() : List.copyOf(transfers);
        duplicates = duplicates == null ? List.of() : List.copyOf(duplicates);
        narrativeAddenda = narrativeAddenda == null ? List.of() : List.copyOf(narrativeAddenda);
    }

    /** A case linked to no other, whose narrative was never added to. */
    public ReferralDetailView(String referralId, String reference, ReferralStatus status, RiskLevel riskLevel,
                              Channel channel, ReporterRole reporterRole, AgeBand ageBand, Set<Category> categories,
                              SealedPersonalDetails personalData, boolean consentGiven, String assignedCoordinator,
                              List<TransferView> transfers, ClosureOutcome closureOutcome, boolean erasureRequested,
                              Instant receivedAt, String receivedBy, Instant updatedAt, long version) {
        this(referralId, reference, status, riskLevel, channel, reporterRole, ageBand, categories, personalData,
                consentGiven, assignedCoordinator, transfers, closureOutcome, erasureRequested, receivedAt, receivedBy,
                updatedAt, version, null, null, List.of(), List.of());
    }
}
