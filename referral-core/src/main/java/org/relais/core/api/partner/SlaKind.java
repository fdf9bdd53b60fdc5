package org.relais.core.api.partner;

/**
 * How an agreement's acknowledgement SLA is counted. {@link #OPEN_HOURS}: a duration of the partner's open time
 * (the only meaning before SLA kinds existed). {@link #WORKING_DAYS}: the SLA's whole days are working days, and
 * the deadline is the end of the partner's service on the n-th working day after the day of the request.
 */
public enum SlaKind {
    OPEN_HOURS,
    WORKING_DAYS
}
