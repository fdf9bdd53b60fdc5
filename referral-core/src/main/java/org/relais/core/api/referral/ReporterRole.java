package org.relais.core.api.referral;

public enum ReporterRole {
    VICTIM,
    WITNESS,
    PARENT_OR_GUARDIAN,
    PROFESSIONAL,
    ANONYMOUS
}
