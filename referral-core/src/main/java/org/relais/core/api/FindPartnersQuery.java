package org.relais.core.api;

/** The whole partner directory, by name. */
public record FindPartnersQuery() {
}
