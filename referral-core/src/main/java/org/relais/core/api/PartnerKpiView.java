package org.relais.core.api;

/** One partner's acknowledgement times (from request to acknowledgement) and its SLA breaches (overdue events). */
public record PartnerKpiView(String partnerId, DurationStatsView timeToAcknowledge, long slaBreaches) {
}
