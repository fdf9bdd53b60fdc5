package org.relais.core.api;

public enum ReporterRole {
    VICTIM,
    WITNESS,
    PARENT_OR_GUARDIAN,
    PROFESSIONAL,
    ANONYMOUS
}
