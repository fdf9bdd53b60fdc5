package org.relais.core.api;

public enum LegalBasis {
    CONSENT,
    MANDATORY_REPORT
}
