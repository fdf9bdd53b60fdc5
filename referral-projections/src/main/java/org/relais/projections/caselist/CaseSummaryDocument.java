package org.relais.projections.caselist;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.relais.core.api.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.Channel;
import org.relais.core.api.ReferralStatus;
import org.relais.core.api.ReferralSummaryView;
import org.relais.core.api.ReporterRole;
import org.relais.core.api.RiskLevel;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** One case in the list. {@code version} is the sequence number of the last event applied, for idempotency. */
@Document(CaseSummaryDocument.COLLECTION)
record CaseSummaryDocument(@Id String referralId,
                           String reference,
                           ReferralStatus status,
                           RiskLevel riskLevel,
                           Channel channel,
                           ReporterRole reporterRole,
                           AgeBand ageBand,
                           boolean minor,
                           Set<Category> categories,
                           List<String> partnerIds,
                           boolean overdue,
                           Instant receivedAt,
                           Instant updatedAt,
                           long version) {

    static final String COLLECTION = "case_list";

    ReferralSummaryView toView() {
        return new ReferralSummaryView(referralId, reference, status, riskLevel, channel, reporterRole, ageBand, minor,
                categories, partnerIds == null ? List.of() : partnerIds, overdue, receivedAt, updatedAt, version);
    }
}
