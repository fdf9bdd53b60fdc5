package org.relais.core.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;

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
