package org.relais.core.api.referral;

import java.util.List;

/**
 * Personal data as stored in events and read models: each field encrypted with the data key of its subject
 * (see {@code org.relais.core.privacy}). A null field was not given. Once the subject's key is destroyed, nothing
 * can open these values again.
 */
public record SealedPersonalDetails(String subjectId,
                                    String victimName,
                                    String victimContact,
                                    String reporterName,
                                    String reporterContact,
                                    String narrative,
                                    List<String> contentUrls) {

    public SealedPersonalDetails {
        contentUrls = contentUrls == null ? List.of() : List.copyOf(contentUrls);
    }
}
