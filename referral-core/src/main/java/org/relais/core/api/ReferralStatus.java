package org.relais.core.api;

public enum ReferralStatus {
    RECEIVED,
    TRIAGED,
    IN_PROGRESS,
    CLOSED
}
