package org.relais.app.eventstore;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.springframework.stereotype.Component;

/**
 * Tells Axon that an append failed because another command stored the same aggregate sequence number first, so
 * that it surfaces as a concurrency conflict (409) rather than a storage failure, wherever the error hides in the
 * cause and next-exception chains. PostgreSQL reports SQLState 23505 (unique violation); SQLite reports no SQLState,
 * only its extended result code SQLITE_CONSTRAINT_UNIQUE or SQLITE_CONSTRAINT_PRIMARYKEY, which Axon's default
 * resolver does not know.
 */
@Component
class DuplicateKeyResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final Set<SQLiteErrorCode> SQLITE_UNIQUE_VIOLATIONS =
            EnumSet.of(SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE, SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY);

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        return isUniqueViolation(exception, seen);
    }

    private static boolean isUniqueViolation(Throwable throwable, Map<Throwable, Boolean> seen) {
        if (throwable == null || seen.put(throwable, Boolean.TRUE) != null) {
            return false;
        }
        if (throwable instanceof SQLException sql) {
            if (UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (sql instanceof SQLiteException sqlite && SQLITE_UNIQUE_VIOLATIONS.contains(sqlite.getResultCode())) {
                return true;
            }
            if (isUniqueViolation(sql.getNextException(), seen)) {
                return true;
            }
        }
        if (throwable instanceof BatchUpdateException batch && isUniqueViolation(batch.getNextException(), seen)) {
            return true;
        }
        return isUniqueViolation(throwable.getCause(), seen);
    }
}
