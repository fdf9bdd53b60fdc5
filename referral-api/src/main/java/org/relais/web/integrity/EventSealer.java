package org.relais.web.integrity;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Seals each event as it is stored. This processing group is subscribing: it runs after the event store appended
 * the batch and before the transaction commits, so it reads the very row just written and its seal commits with
 * it. The chain (built later, in order) proves nothing was changed or removed; the seal proves the application wrote
 * the row. When events live outside this database (Axon Server), there is no row and nothing to seal here.
 */
@Component
@ProcessingGroup(EventSealer.PROCESSING_GROUP)
class EventSealer {

    static final String PROCESSING_GROUP = "event-seal";
    static final String SEAL_CONTEXT = "seal";

    private final JdbcTemplate jdbc;
    private final StoredEventHasher hasher;

    EventSealer(JdbcTemplate jdbc, StoredEventHasher hasher) {
        this.jdbc = jdbc;
        this.hasher = hasher;
    }

    @EventHandler
    void on(EventMessage<?> event) {
        jdbc.query("SELECT " + StoredEventHasher.EVENT_COLUMNS + " FROM DomainEventEntry WHERE eventIdentifier = ?",
                rs -> {
                    jdbc.update("INSERT INTO event_seal (event_identifier, seal) VALUES (?, ?)",
                            rs.getString("eventIdentifier"), hasher.hash(SEAL_CONTEXT, rs));
                }, event.getIdentifier());
    }
}
