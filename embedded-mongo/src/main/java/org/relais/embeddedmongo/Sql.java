package org.relais.embeddedmongo;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements on the connection the current command holds. A table a reader's snapshot does not have yet (a
 * collection created by a write not committed when the read began) reads as empty; any other SQLException is a
 * {@link StoreFailure}.
 */
final class Sql {

    /** Reads one row. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final SqliteFile file;

    Sql(SqliteFile file) {
        this.file = file;
    }

    SqliteFile file() {
        return file;
    }

    /** A quoted table name: any collection or index name is a valid identifier once quoted. */
    static String table(String kind, String name) {
        return "\"" + kind + ":" + name.replace("\"", "\"\"") + "\"";
    }

    int update(String sql, Object... parameters) {
        try {
            PreparedStatement statement = file.session().prepare(sql);
            bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            // deleting from a table never created (an index no document had keys for) deletes nothing; an insert
            // into a missing table means the server's view and the file differ: the store fails and is reopened
            if (SqliteFile.isMissingTable(e) && sql.startsWith("DELETE")) {
                return 0;
            }
            throw failed(SqliteFile.failure("a write failed", e));
        }
    }

    void ddl(String sql) {
        file.session().run(sql);
    }

    <T> List<T> list(String sql, Row<T> row, Object... parameters) {
        try {
            PreparedStatement statement = file.session().prepare(sql);
            bind(statement, parameters);
            List<T> rows = new ArrayList<>();
            try (ResultSet results = statement.executeQuery()) {
                while (results.next()) {
                    rows.add(row.read(results));
                }
            }
            return rows;
        } catch (SQLException e) {
            if (SqliteFile.isMissingTable(e)) {
                return List.of();
            }
            throw failed(SqliteFile.failure("a read failed", e));
        }
    }

    <T> T one(String sql, Row<T> row, Object... parameters) {
        List<T> rows = list(sql, row, parameters);
        return rows.isEmpty() ? null : rows.get(0);
    }

    long count(String sql, Object... parameters) {
        Long count = one(sql, results -> results.getLong(1), parameters);
        return count == null ? 0 : count;
    }

    /** Marked on the file at once, so that the command is not committed even if something catches the failure. */
    private StoreFailure failed(StoreFailure failure) {
        file.fail(failure);
        return failure;
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}
