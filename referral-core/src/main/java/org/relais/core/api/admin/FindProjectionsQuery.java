package org.relais.core.api.admin;

/** Where each read model's processor stands, and the progress of any rebuild. */
public record FindProjectionsQuery() {
}
