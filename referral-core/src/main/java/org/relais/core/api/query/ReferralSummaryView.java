package org.relais.core.api.query;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.referral.RiskLevel;

/** One line of the case list: no personal data. {@code assignee} is the coordinator who follows it, null if none. */
public record ReferralSummaryView(String referralId,
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
                                  long version,
                                  String assignee) {
}
