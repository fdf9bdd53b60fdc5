package org.relais.core.api.referral;

import java.util.Set;

import org.axonframework.serialization.Revision;
import org.relais.core.api.Category;
import org.relais.core.api.EnumSets;

/**
 * A case was taken in. Personal data is sealed; who took it in and when travel in the metadata and the event's
 * timestamp.
 */
@Revision("1")
public record ReferralReceivedEvent(String referralId,
                                    String reference,
                                    Channel channel,
                                    ReporterRole reporterRole,
                                    AgeBand ageBand,
                                    Set<Category> categories,
                                    SealedPersonalDetails personalData) {

    public ReferralReceivedEvent {
        categories = EnumSets.copyOf(categories, Category.class);
    }
}
