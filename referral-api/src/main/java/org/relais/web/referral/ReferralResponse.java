package org.relais.web.referral;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.relais.core.api.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.Channel;
import org.relais.core.api.ClosureOutcome;
import org.relais.core.api.LegalBasis;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.ReferralStatus;
import org.relais.core.api.ReporterRole;
import org.relais.core.api.RiskLevel;
import org.relais.core.api.ShareableField;
import org.relais.core.api.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.TransferState;

/**
 * A case as one reader may see it: personal fields the reader may not see are absent, and {@code personalDataErased}
 * says when they are gone for everybody. A liaison sees only its own partner's transfers, and none of the
 * coordination fields ({@code consentGiven}, {@code assignedCoordinator}, {@code erasureRequested}). The narrative
 * is the current one: as first told, followed by each addendum a rectification appended.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReferralResponse(String referralId,
                        String reference,
                        ReferralStatus status,
                        RiskLevel riskLevel,
                        Channel channel,
                        ReporterRole reporterRole,
                        AgeBand ageBand,
                        Set<Category> categories,
                        List<String> contentUrls,
                        Person victim,
                        Person reporter,
                        String narrative,
                        boolean personalDataErased,
                        Boolean consentGiven,
                        String assignedCoordinator,
                        ClosureOutcome closureOutcome,
                        Boolean erasureRequested,
                        List<Transfer> transfers,
                        Instant receivedAt,
                        Instant updatedAt,
                        long version,
                        Integer earlierCasesWithContact) {

    /**
     * With the repeat-caller hint: how many cases received before this one share a contact with it (coordinators
     * only; found by the blind index, nothing opened).
     */
    ReferralResponse withEarlierCasesWithContact(int count) {
        return new ReferralResponse(referralId, reference, status, riskLevel, channel, reporterRole, ageBand,
                categories, contentUrls, victim, reporter, narrative, personalDataErased, consentGiven,
                assignedCoordinator, closureOutcome, erasureRequested, transfers, receivedAt, updatedAt, version,
                count);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Person(String name, String contact) {

        @Override
        public String toString() {
            return "Person[redacted]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Transfer(String transferId,
                    String partnerId,
                    PartnerKind partnerKind,
                    TransferPurpose purpose,
                    LegalBasis legalBasis,
                    TransferState state,
                    Set<ShareableField> sharedFields,
                    String message,
                    Instant requestedAt,
                    Instant deadline,
                    boolean overdue,
                    boolean wasOverdue,
                    Instant acknowledgedAt,
                    Instant acceptedAt,
                    Instant endedAt,
                    TransferOutcome outcome,
                    String reason,
                    String note,
                    boolean consentWithdrawn) {

        @Override
        public String toString() {
            return "Transfer[transferId=" + transferId + ", state=" + state + "]";
        }
    }

    @Override
    public String toString() {
        return "ReferralResponse[referralId=" + referralId + ", version=" + version + "]";
    }
}
