package org.relais.core.api.referral;

import java.util.List;

/**
 * Personal data in clear, as typed at intake or shown to an authorised reader. It only ever lives in memory: the
 * command side seals it before it reaches an event. {@link #toString()} is redacted so that no log line can leak it.
 */
public record PersonalDetails(String victimName,
                              String victimContact,
                              String reporterName,
                              String reporterContact,
                              String narrative,
                              List<String> contentUrls) {

    public PersonalDetails {
        contentUrls = contentUrls == null ? List.of() : List.copyOf(contentUrls);
    }

    @Override
    public String toString() {
        return "PersonalDetails[redacted]";
    }
}
