package org.relais.web.referral;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.relais.core.api.ClosureOutcome;

record ClosureRequest(@NotNull ClosureOutcome outcome, @Size(max = 5_000) String note) {

    @Override
    public String toString() {
        return "ClosureRequest[outcome=" + outcome + "]";
    }
}
