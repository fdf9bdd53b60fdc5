package org.relais.app.referral;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A required reason (decline, cancellation, reopening): free text, which may name people, sealed at once. */
record ReasonRequest(@NotBlank @Size(max = 2_000) String reason) {

    @Override
    public String toString() {
        return "ReasonRequest[redacted]";
    }
}
