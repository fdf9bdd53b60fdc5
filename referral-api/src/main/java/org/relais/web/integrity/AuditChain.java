package org.relais.web.integrity;

import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends every stored event to the tamper-evident chain, in delivery order. The processor keeps its token in the
 * same database and transaction as the chain (see {@link IntegrityConfiguration}), so each event is chained exactly
 * once; a redelivered event is recognised by its global index and skipped.
 */
@Component
@ProcessingGroup(AuditChain.PROCESSING_GROUP)
class AuditChain {

    static final String PROCESSING_GROUP = "integrity-chain";

    private final JdbcTemplate jdbc;
    private final StoredEventHasher hasher;

    AuditChain(JdbcTemplate jdbc, StoredEventHasher hasher) {
        this.jdbc = jdbc;
        this.hasher = hasher;
    }

    @EventHandler
    void on(EventMessage<?> event) {
        List<Object[]> head = jdbc.query(
                "SELECT position, entry_hash FROM audit_chain ORDER BY position DESC FETCH FIRST 1 ROWS ONLY",
                (rs, row) -> new Object[] {rs.getLong(1), rs.getString(2)});
        long position = head.isEmpty() ? 0 : (Long) head.get(0)[0] + 1;
        String previous = head.isEmpty() ? StoredEventHasher.GENESIS : (String) head.get(0)[1];
        jdbc.query("SELECT " + StoredEventHasher.EVENT_COLUMNS + " FROM DomainEventEntry WHERE eventIdentifier = ?",
                rs -> {
                    long globalIndex = rs.getLong("globalIndex");
                    Integer chained = jdbc.queryForObject(
                            "SELECT COUNT(*) FROM audit_chain WHERE global_index = ?", Integer.class, globalIndex);
                    if (chained != null && chained == 0) {
                        jdbc.update("INSERT INTO audit_chain (position, global_index, event_identifier, entry_hash) "
                                + "VALUES (?, ?, ?, ?)", position, globalIndex, rs.getString("eventIdentifier"),
                                hasher.hash(previous, rs));
                    }
                }, event.getIdentifier());
    }
}
