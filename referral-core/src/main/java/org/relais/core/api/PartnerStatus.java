package org.relais.core.api;

public enum PartnerStatus {
    ACTIVE,
    SUSPENDED,
    TERMINATED
}
