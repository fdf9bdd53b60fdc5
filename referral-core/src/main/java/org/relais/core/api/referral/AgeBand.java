package org.relais.core.api.referral;

public enum AgeBand {
    UNDER_11,
    AGE_11_14,
    AGE_15_17,
    ADULT,
    UNKNOWN;

    public boolean isMinor() {
        return this == UNDER_11 || this == AGE_11_14 || this == AGE_15_17;
    }
}
