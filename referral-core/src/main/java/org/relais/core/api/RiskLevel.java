package org.relais.core.api;

public enum RiskLevel {
    IMMEDIATE_DANGER,
    HIGH,
    MODERATE,
    LOW
}
