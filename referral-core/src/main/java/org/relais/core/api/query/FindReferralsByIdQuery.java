package org.relais.core.api.query;

import java.util.List;

/**
 * The case list's lines of the given cases, in the order given (ids of cases not in the list are left out): the
 * cases a lookup outside the read side found, such as a repeat caller's. Answered with a {@link ReferralPageView}.
 */
public record FindReferralsByIdQuery(List<String> referralIds) {

    public FindReferralsByIdQuery {
        referralIds = List.copyOf(referralIds);
    }
}
