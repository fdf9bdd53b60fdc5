package org.relais.core.api.partner;

import java.util.List;

/**
 * When a partner is open: a weekly schedule in a time zone (an IANA id such as {@code Europe/Paris}), several
 * periods a day allowed, or always open. Acknowledgement deadlines only run while the partner is open.
 */
public record ServiceHours(String zoneId, boolean alwaysOpen, List<OpeningPeriod> periods) {

    public ServiceHours {
        periods = periods == null ? List.of() : List.copyOf(periods);
    }

    public static ServiceHours alwaysOpen(String zoneId) {
        return new ServiceHours(zoneId, true, List.of());
    }
}
