package org.relais.core.api.referral;

public enum LegalBasis {
    CONSENT,
    MANDATORY_REPORT
}
