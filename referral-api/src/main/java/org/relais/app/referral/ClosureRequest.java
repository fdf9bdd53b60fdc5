package org.relais.app.referral;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.relais.core.api.referral.ClosureOutcome;

/**
 * {@code duplicateOf}: for the outcome DUPLICATE, the case this one repeats, by reference ({@code R-2026-000123}, in
 * any letter case, with or without {@code R-}) or by id.
 */
record ClosureRequest(@NotNull ClosureOutcome outcome, @Size(max = 5_000) String note,
                      @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9-]*", message = "{relais.validation.referenceOrId}")
                      String duplicateOf) {

    @Override
    public String toString() {
        return "ClosureRequest[outcome=" + outcome + ", duplicateOf=" + duplicateOf + "]";
    }
}
