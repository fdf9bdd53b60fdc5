package org.relais.web.eventstore;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.springframework.stereotype.Component;

/**
 * Tells Axon that an append failed because another command stored the same aggregate sequence number first, so
 * that it surfaces as a concurrency conflict (409) rather than a storage failure. Axon's default resolver misses
 * H2's batch errors; SQLState 23505 (unique violation) is what both H2 and PostgreSQL report, wherever it hides in
 * the cause and next-exception chains.
 */
@Component
class DuplicateKeyResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

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
