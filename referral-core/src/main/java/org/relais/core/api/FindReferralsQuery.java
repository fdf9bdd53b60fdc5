package org.relais.core.api;

import java.util.Set;

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

    /** The fields a case list may be sorted by ({@code -field} for descending). */
    public static final Set<String> SORT_FIELDS = Set.of("receivedAt", "updatedAt", "riskLevel", "reference");

    public static boolean isSupportedSort(String sort) {
        return sort != null && SORT_FIELDS.contains(sort.startsWith("-") ? sort.substring(1) : sort);
    }
}
