package org.relais.core.api.query;

import java.util.List;

/**
 * One partner's figures over a period. {@code timeToAcknowledge} is wall-clock time from request to acknowledgement,
 * {@code openTimeToAcknowledge} the same span counted on the partner's service hours as they were at request time
 * (what the SLA measures), both over the transfers acknowledged in the period. {@code slaBreaches} counts the
 * transfers whose deadline fell in the period and that were acknowledged after it or marked overdue (each once);
 * {@code breachesPerMonth} splits them by the month of the deadline.
 */
public record PartnerKpiView(String partnerId, DurationStatsView timeToAcknowledge, long slaBreaches,
                             DurationStatsView openTimeToAcknowledge, List<MonthlyCountView> breachesPerMonth) {
}
