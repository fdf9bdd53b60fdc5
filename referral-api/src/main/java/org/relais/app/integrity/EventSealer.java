package org.relais.app.integrity;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Seals each event as it is published. This processing group is subscribing: it runs in the unit of work that
 * publishes the event, before the transaction commits, so with the JDBC event store the seal commits with the event.
 * It seals the event by value, as the event serializer gives it (the bytes any event store keeps), so events stored
 * by Axon Server are sealed too; the seal then commits in the same unit of work's database transaction.
 */
@Component
@ProcessingGroup(EventSealer.PROCESSING_GROUP)
class EventSealer {

    static final String PROCESSING_GROUP = "event-seal";

    private final JdbcTemplate jdbc;
    private final EventSeals seals;
    private final Serializer serializer;

    EventSealer(JdbcTemplate jdbc, EventSeals seals, @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.seals = seals;
        this.serializer = serializer;
    }

    @EventHandler
    void on(EventMessage<?> event) {
        ChainedEvent sealed = ChainedEvent.of(event, serializer);
        jdbc.update("INSERT INTO event_seal (event_identifier, seal, seal_version) VALUES (?, ?, ?)",
                sealed.eventIdentifier(), seals.seal(sealed.digest()), EventSeals.VERSION);
    }
}
