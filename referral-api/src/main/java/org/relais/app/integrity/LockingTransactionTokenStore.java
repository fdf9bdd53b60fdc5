package org.relais.app.integrity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;

/**
 * Axon's JDBC token store for a database without {@code SELECT … FOR UPDATE} (the embedded SQLite store): there every
 * transaction holds the database's only write lock from its start, which is what the row lock was for.
 */
final class LockingTransactionTokenStore extends JdbcTokenStore {

    LockingTransactionTokenStore(JdbcTokenStore.Builder builder) {
        super(builder);
    }

    @Override
    protected PreparedStatement selectForUpdate(Connection connection, String processorName, int segment)
            throws SQLException {
        return select(connection, processorName, segment, false);
    }
}
