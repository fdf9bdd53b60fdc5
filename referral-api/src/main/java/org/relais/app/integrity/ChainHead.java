package org.relais.app.integrity;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where the chain stands: how many entries, the global index of the last one chained (not the highest: an event
 * committed late is chained when it is delivered), and the last entry's hash.
 */
public record ChainHead(long entries, Long lastGlobalIndex, String headHash) {

    static final ChainHead EMPTY = new ChainHead(0, null, ChainLinks.GENESIS);

    static ChainHead read(JdbcTemplate jdbc) {
        List<ChainHead> last = jdbc.query("SELECT position, global_index, entry_hash FROM audit_chain "
                        + "ORDER BY position DESC LIMIT 1",
                (rs, row) -> new ChainHead(rs.getLong(1) + 1, rs.getLong(2), rs.getString(3)));
        return last.isEmpty() ? EMPTY : last.get(0);
    }
}
