package org.relais.core.api.referral;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A coordinator corrects or completes the personal data of a case (GDPR Art. 16). A null field is left as it is;
 * {@code contentUrls}, when given, replace the earlier list; {@code narrativeAddendum} is appended to the narrative,
 * which is never rewritten (what the victim said first stays as said).
 */
public record RectifyPersonalDataCommand(@TargetAggregateIdentifier String referralId,
                                         String victimName,
                                         String victimContact,
                                         String reporterName,
                                         String reporterContact,
                                         List<String> contentUrls,
                                         String narrativeAddendum) {

    public RectifyPersonalDataCommand {
        contentUrls = contentUrls == null ? null : List.copyOf(contentUrls);
    }

    @Override
    public String toString() {
        return "RectifyPersonalDataCommand[referralId=" + referralId + "]";
    }
}
