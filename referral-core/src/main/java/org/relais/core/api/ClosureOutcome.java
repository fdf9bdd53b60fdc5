package org.relais.core.api;

public enum ClosureOutcome {
    RESOLVED,
    REFERRED,
    NO_FURTHER_ACTION,
    UNREACHABLE,
    DUPLICATE
}
