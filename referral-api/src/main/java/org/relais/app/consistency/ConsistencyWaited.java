package org.relais.app.consistency;

import java.time.Duration;

/**
 * A read waited for read models to reach a position (published as an application event, for the metrics).
 *
 * @param waited  how long it waited
 * @param reached whether they reached it within the bound; false is a time-out (503 READ_MODELS_BEHIND on the API)
 */
public record ConsistencyWaited(Duration waited, boolean reached) {
}
