package org.relais.core.partner;

import java.time.Duration;
import java.time.Instant;

import org.relais.core.api.ServiceHours;

/** Computes acknowledgement deadlines on a partner's service hours. */
public final class DeadlineCalendar {

    private DeadlineCalendar() {
    }

    /** The instant at which {@code sla} of open time has elapsed since {@code requestedAt}. */
    public static Instant deadline(ServiceHours hours, Instant requestedAt, Duration sla) {
        // placeholder until the service-hours calendar lands (issue 3): counts calendar time
        return requestedAt.plus(sla);
    }
}
