package org.relais.core.api.partner;

public enum PartnerStatus {
    ACTIVE,
    SUSPENDED,
    TERMINATED
}
