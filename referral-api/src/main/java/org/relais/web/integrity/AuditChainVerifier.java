package org.relais.web.integrity;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Walks the chain in order and recomputes each entry from the event row it names: an altered row, an altered or
 * removed entry, or a removed event breaks the walk at the first such entry; each row's seal must match too. Then it
 * looks for stored events the chain skipped, and for rows without a seal (slipped in behind the application's
 * back, which the chain alone would have taken in as new).
 */
@Component
public class AuditChainVerifier {

    private static final int PAGE = 1_000;

    private final JdbcTemplate jdbc;
    private final StoredEventHasher hasher;

    AuditChainVerifier(JdbcTemplate jdbc, StoredEventHasher hasher) {
        this.jdbc = jdbc;
        this.hasher = hasher;
    }

    public ChainVerification verify() {
        AtomicLong checked = new AtomicLong();
        AtomicReference<String> previous = new AtomicReference<>(StoredEventHasher.GENESIS);
        AtomicReference<ChainVerification> broken = new AtomicReference<>();
        long from = 0;
        while (broken.get() == null) {
            long start = from;
            AtomicLong seen = new AtomicLong();
            jdbc.query("SELECT c.position, c.global_index AS chained_index, c.event_identifier AS chained_id, "
                    + "c.entry_hash, e.globalIndex, e.aggregateIdentifier, e.sequenceNumber, e.type, "
                    + "e.eventIdentifier, e.payloadType, e.payloadRevision, e.timeStamp, e.payload, e.metaData, "
                    + "s.seal FROM audit_chain c LEFT JOIN DomainEventEntry e ON e.globalIndex = c.global_index "
                    + "LEFT JOIN event_seal s ON s.event_identifier = e.eventIdentifier "
                    + "WHERE c.position >= ? ORDER BY c.position FETCH FIRST " + PAGE + " ROWS ONLY", rs -> {
                seen.incrementAndGet();
                if (broken.get() != null) {
                    return;
                }
                long position = rs.getLong("position");
                long chainedIndex = rs.getLong("chained_index");
                if (position != checked.get()) {
                    broken.set(new ChainVerification(false, checked.get(), chainedIndex, "chain entry missing"));
                } else if (rs.getString("eventIdentifier") == null) {
                    broken.set(new ChainVerification(false, checked.get(), chainedIndex, "event missing"));
                } else if (!rs.getString("eventIdentifier").equals(rs.getString("chained_id"))) {
                    broken.set(new ChainVerification(false, checked.get(), chainedIndex, "event replaced"));
                } else {
                    String expected = hasher.hash(previous.get(), rs);
                    if (!expected.equals(rs.getString("entry_hash"))) {
                        broken.set(new ChainVerification(false, checked.get(), chainedIndex, "event altered"));
                    } else if (!hasher.hash(EventSealer.SEAL_CONTEXT, rs).equals(rs.getString("seal"))) {
                        broken.set(new ChainVerification(false, checked.get(), chainedIndex, "event not sealed"));
                    } else {
                        previous.set(expected);
                        checked.incrementAndGet();
                    }
                }
            }, start);
            if (seen.get() < PAGE) {
                break;
            }
            from = start + PAGE;
        }
        if (broken.get() != null) {
            return broken.get();
        }
        Long unchained = jdbc.queryForObject("SELECT MIN(e.globalIndex) FROM DomainEventEntry e "
                + "WHERE e.globalIndex <= (SELECT MAX(global_index) FROM audit_chain) "
                + "AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.global_index = e.globalIndex)", Long.class);
        if (unchained != null) {
            return new ChainVerification(false, checked.get(), unchained, "event not in the chain");
        }
        Long unsealed = jdbc.queryForObject("SELECT MIN(e.globalIndex) FROM DomainEventEntry e "
                + "WHERE NOT EXISTS (SELECT 1 FROM event_seal s WHERE s.event_identifier = e.eventIdentifier)",
                Long.class);
        if (unsealed != null) {
            return new ChainVerification(false, checked.get(), unsealed, "event not sealed");
        }
        return new ChainVerification(true, checked.get(), null, null);
    }
}
