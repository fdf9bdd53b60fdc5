package org.relais.app.referral;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A note or a message: free text that may name people, sealed as soon as it reaches the case. */
record TextRequest(@NotBlank @Size(max = 4_000) String text) {

    @Override
    public String toString() {
        return "TextRequest[redacted]";
    }
}
