package org.relais.core.api;

/** The coordinators' KPIs; also a subscription query whose updates follow every change. */
public record FindDashboardQuery() {
}
