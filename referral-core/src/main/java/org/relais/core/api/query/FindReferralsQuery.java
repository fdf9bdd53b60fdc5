package org.relais.core.api.query;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.referral.RiskLevel;

/**
 * A page of the case list, filtered by any of the given criteria (null = any) and sorted by {@code sort}
 * ({@code receivedAt}, {@code -receivedAt}, {@code updatedAt}, {@code -updatedAt}, {@code riskLevel}, {@code -riskLevel}).
 * {@code assignee} is a coordinator's user name, {@code unassigned} true for the cases nobody follows yet (false: the
 * others); each date range is from (inclusive) to (exclusive) on when the case came in or last changed.
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
                                 String sort,
                                 String assignee,
                                 Boolean unassigned,
                                 Instant receivedFrom,
                                 Instant receivedTo,
                                 Instant updatedFrom,
                                 Instant updatedTo) {

    /** A page filtered by the case's own facts only, neither its assignee nor its dates. */
    public FindReferralsQuery(ReferralStatus status, RiskLevel riskLevel, Category category, Channel channel,
                              AgeBand ageBand, String partnerId, Boolean overdue, Boolean minor, int page, int size,
                              String sort) {
        this(status, riskLevel, category, channel, ageBand, partnerId, overdue, minor, page, size, sort, null, null,
                null, null, null, null);
    }

    /** The fields a case list may be sorted by ({@code -field} for descending). */
    public static final Set<String> SORT_FIELDS = Set.of("receivedAt", "updatedAt", "riskLevel", "reference");

    /** Every accepted value of {@code sort}, as a client writes it: a field, or {@code -field} for descending. */
    public static final List<String> SORTS = List.of("receivedAt", "-receivedAt", "updatedAt", "-updatedAt",
            "riskLevel", "-riskLevel", "reference", "-reference");

    public static boolean isSupportedSort(String sort) {
        return sort != null && SORT_FIELDS.contains(sort.startsWith("-") ? sort.substring(1) : sort);
    }
}
