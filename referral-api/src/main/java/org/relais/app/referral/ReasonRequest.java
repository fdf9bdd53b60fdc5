package org.relais.app.referral;

import jakarta.validation.constraints.Size;

/**
 * A reason (decline, cancellation, reopening): free text, which may name people, sealed at once. That one is required
 * is the case's rule, answered by the aggregate as 409 {@code REASON_REQUIRED} like a partner's suspension; only its
 * length is the request's shape.
 */
record ReasonRequest(@Size(max = 2_000) String reason) {

    @Override
    public String toString() {
        return "ReasonRequest[redacted]";
    }
}
