package org.relais.web.referral;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.relais.core.api.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.Channel;
import org.relais.core.api.ReferralStatus;
import org.relais.core.api.ReporterRole;
import org.relais.core.api.RiskLevel;

/**
 * A case as one reader may see it: personal fields the reader may not see are absent, and {@code personalDataErased}
 * says when they are gone for everybody.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ReferralResponse(String referralId,
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
                        Instant receivedAt,
                        Instant updatedAt,
                        long version) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Person(String name, String contact) {
    }
}
