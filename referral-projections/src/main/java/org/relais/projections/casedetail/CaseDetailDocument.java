package org.relais.projections.casedetail;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.relais.core.api.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.Channel;
import org.relais.core.api.ClosureOutcome;
import org.relais.core.api.TransferView;
import org.relais.core.api.ReferralDetailView;
import org.relais.core.api.ReferralStatus;
import org.relais.core.api.ReporterRole;
import org.relais.core.api.RiskLevel;
import org.relais.core.api.SealedPersonalDetails;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A case in full; personal data stays sealed exactly as in the events. */
@Document(CaseDetailDocument.COLLECTION)
record CaseDetailDocument(@Id String referralId,
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

    static final String COLLECTION = "case_detail";

    ReferralDetailView toView() {
        return new ReferralDetailView(referralId, reference, status, riskLevel, channel, reporterRole, ageBand,
                categories, personalData, consentGiven, assignedCoordinator, transfers, closureOutcome,
                erasureRequested, receivedAt, receivedBy, updatedAt, version);
    }
}
