package org.relais.core.api.query;

/** The whole partner directory, by name. */
public record FindPartnersQuery() {
}
