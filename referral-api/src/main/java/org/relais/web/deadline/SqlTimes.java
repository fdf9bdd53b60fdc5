package org.relais.web.deadline;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reads a {@code TIMESTAMP WITH TIME ZONE} column the same way on H2 (OffsetDateTime) and PostgreSQL (Timestamp). */
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
        throw new IllegalArgumentException("not a timestamp column");
    }

    public static Timestamp sql(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
