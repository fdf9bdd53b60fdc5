package org.relais.core.api.query;

import java.time.LocalDate;
import java.util.Map;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;

/**
 * Cases received on one day (in the service's time zone), by channel and by category as received; {@code minors}
 * those of them whose age band, as corrected at triage, is a minor's.
 */
public record DailyIntakeView(LocalDate day, long total, Map<Channel, Long> byChannel, Map<Category, Long> byCategory,
                              long minors) {
}
