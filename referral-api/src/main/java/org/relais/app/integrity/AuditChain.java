package org.relais.app.integrity;

import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Serializer;
import org.relais.projections.support.EventPositions;
import org.relais.projections.support.Events;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends every stored event to the chain, in delivery order, from the event stream itself (what Axon delivers,
 * serialized), so that the chain is the same whatever stores the events. The processor keeps its token in the same
 * database and transaction as the chain (see {@link IntegrityConfiguration}), so each event is chained exactly once;
 * a redelivered event is recognised by its global index and skipped.
 */
@Component
@ProcessingGroup(AuditChain.PROCESSING_GROUP)
class AuditChain {

    static final String PROCESSING_GROUP = "integrity-chain";
    static final int VERSION = 2;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventPositions positions;

    AuditChain(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer, EventPositions positions) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.positions = positions;
    }

    @EventHandler
    void on(EventMessage<?> event) {
        Long globalIndex = Events.globalIndexes(List.of(event), positions).get(event.getIdentifier());
        if (globalIndex == null) {
            throw new IllegalStateException("the event store does not say where an event stands");
        }
        Integer chained = jdbc.queryForObject("SELECT COUNT(*) FROM audit_chain WHERE global_index = ?",
                Integer.class, globalIndex);
        if (chained != null && chained > 0) {
            return;
        }
        ChainHead head = ChainHead.read(jdbc);
        String digest = ChainedEvent.of(event, serializer).digest();
        jdbc.update("INSERT INTO audit_chain (position, global_index, event_identifier, entry_hash, event_digest, "
                        + "chain_version) VALUES (?, ?, ?, ?, ?, ?)", head.entries(), globalIndex,
                event.getIdentifier(), ChainLinks.link(head.headHash(), globalIndex, digest), digest, VERSION);
    }
}
