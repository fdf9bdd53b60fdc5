package org.relais.app.referral;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.relais.core.api.referral.TransferOutcome;

/** What came of a transfer; a platform's refusal carries its statement of reasons. */
record CompletionRequest(@NotNull TransferOutcome outcome,
                         @Size(max = 5_000) String statementOfReasons,
                         @Size(max = 5_000) String note) {

    @Override
    public String toString() {
        return "CompletionRequest[outcome=" + outcome + "]";
    }
}
