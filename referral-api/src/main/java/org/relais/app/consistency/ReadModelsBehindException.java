package org.relais.app.consistency;

import java.time.Duration;

/** The read models a GET reads did not reach the position it asked for within the wait allowed. */
class ReadModelsBehindException extends RuntimeException {

    private final Duration retryAfter;

    ReadModelsBehindException(Duration retryAfter) {
        super("read models behind the requested position", null, false, false);
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
