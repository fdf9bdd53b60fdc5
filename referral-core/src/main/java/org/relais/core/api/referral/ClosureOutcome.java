package org.relais.core.api.referral;

public enum ClosureOutcome {
    RESOLVED,
    REFERRED,
    NO_FURTHER_ACTION,
    UNREACHABLE,
    DUPLICATE
}
