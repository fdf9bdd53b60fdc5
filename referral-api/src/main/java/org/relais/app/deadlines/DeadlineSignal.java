package org.relais.app.deadlines;

import java.time.Duration;

/** What the deadline poller saw and did, published as application events for the metrics. */
public sealed interface DeadlineSignal {

    /** A poll found this many open deadlines due (past their time, not flagged yet). */
    record Due(int count) implements DeadlineSignal {
    }

    /**
     * A due deadline was acted on: {@code flagged} whether its overdue command succeeded, {@code lateness} how long
     * after its due time.
     */
    record Fired(boolean flagged, Duration lateness) implements DeadlineSignal {
    }
}
