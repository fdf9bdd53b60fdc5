package org.relais.core.api;

/** The roles of DESIGN.md; a liaison always belongs to one partner. */
public enum Role {
    COORDINATOR,
    LIAISON,
    AUDITOR,
    ADMIN
}
