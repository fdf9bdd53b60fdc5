package org.relais.app.consistency;

import java.util.List;

import org.relais.core.api.CommandResult;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The position in the event stream of a command's last event, which its answer gives the client so that a later read
 * can ask for read models at least that far ({@code Relais-Consistent-With}).
 *
 * <p>On a JDBC event store it is the event's own global index, read by its aggregate and sequence number (the table's
 * unique key): exact, and the same when an idempotent request is answered again. A position taken from the store's
 * head instead could name a later event of another command while this one's was still a gap for the processors
 * (commits on PostgreSQL become visible out of index order), and a read waiting for it could come too early. Where
 * the events are not in that table (Axon Server), the head read after the command is used: it is at or past the
 * command's events, and Axon Server's positions have no gaps.
 */
@Component
public class CommandPositions {

    private final JdbcTemplate jdbc;
    private final ReadModelPositions readModels;

    CommandPositions(JdbcTemplate jdbc, ReadModelPositions readModels) {
        this.jdbc = jdbc;
        this.readModels = readModels;
    }

    public long of(CommandResult result) {
        try {
            List<Long> found = jdbc.queryForList("SELECT globalIndex FROM DomainEventEntry "
                    + "WHERE aggregateIdentifier = ? AND sequenceNumber = ?", Long.class,
                    result.aggregateId(), result.version());
            if (!found.isEmpty() && found.get(0) != null) {
                return found.get(0);
            }
        } catch (DataAccessException notInThisTable) {
            // the events are kept elsewhere: the head is the answer
        }
        return readModels.head();
    }
}
