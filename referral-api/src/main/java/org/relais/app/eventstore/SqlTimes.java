package org.relais.app.eventstore;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Reads a timestamp column the same way on PostgreSQL ({@code TIMESTAMP WITH TIME ZONE}: a Timestamp), on SQLite (an
 * INTEGER of epoch milliseconds, which is how sqlite-jdbc stores a Timestamp parameter) and on H2 (OffsetDateTime, read
 * by the one-time migration of a former embedded store).
 */
public final class SqlTimes {

    private SqlTimes() {
    }

    public static Instant instant(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (column instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (column instanceof Instant instant) {
            return instant;
        }
        if (column instanceof Long || column instanceof Integer) {
            return Instant.ofEpochMilli(((Number) column).longValue());
        }
        throw new IllegalArgumentException("not a timestamp column");
    }

    public static Timestamp sql(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
