package org.relais.core.api;

/** What a successful command on an aggregate answers: its id and its version once the events are stored. */
public record CommandResult(String aggregateId, long version) {
}
