package org.relais.core.api.referral;

public enum RiskLevel {
    IMMEDIATE_DANGER,
    HIGH,
    MODERATE,
    LOW
}
