package org.relais.app.eventstore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.relais.projections.support.EventPositions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The global index of stored events, read from the event table by event identifier (its unique key), a few hundred
 * identifiers a query. Asked only for the events whose tracking token cannot tell (see {@code Events.globalIndexes}):
 * about one per processor batch, and each event committed after later ones.
 */
@Component
class JdbcEventPositions implements EventPositions {

    private static final int PER_QUERY = 500;

    private final JdbcTemplate jdbc;

    JdbcEventPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Long> globalIndexes(Collection<String> eventIdentifiers) {
        Map<String, Long> indexes = new HashMap<>();
        List<String> identifiers = new ArrayList<>(eventIdentifiers);
        for (int from = 0; from < identifiers.size(); from += PER_QUERY) {
            List<String> chunk = identifiers.subList(from, Math.min(identifiers.size(), from + PER_QUERY));
            String placeholders = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            jdbc.query("SELECT eventIdentifier, globalIndex FROM DomainEventEntry WHERE eventIdentifier IN ("
                            + placeholders + ")",
                    row -> {
                        indexes.put(row.getString(1), row.getLong(2));
                    }, chunk.toArray());
        }
        return indexes;
    }
}
