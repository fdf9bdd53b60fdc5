package org.relais.core.api;

/** The roles described in docs/design.md ("Who uses it"); a liaison always belongs to one partner. */
public enum Role {
    COORDINATOR,
    LIAISON,
    AUDITOR,
    ADMIN
}
