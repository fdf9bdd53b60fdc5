package org.relais.core.api;

/**
 * A page of the case list, filtered by any of the given criteria (null = any) and sorted by {@code sort}
 * ({@code receivedAt}, {@code -receivedAt}, {@code updatedAt}, {@code -updatedAt}, {@code riskLevel}, {@code -riskLevel}).
 */
public record FindReferralsQuery(ReferralStatus status,
                                 RiskLevel riskLevel,
                                 Category category,
                                 Channel channel,
                                 AgeBand ageBand,
                                 String partnerId,
                                 Boolean overdue,
                                 Boolean minor,
                                 int page,
                                 int size,
                                 String sort) {
}
