package org.relais.core.api.referral;

public enum ReferralStatus {
    RECEIVED,
    TRIAGED,
    IN_PROGRESS,
    CLOSED
}
