package org.relais.core.referral;

import static org.relais.core.referral.Rejections.require;

import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;

/**
 * An outcome must answer the purpose: a platform reports what it did with the content, other partners what they did
 * for the person. A platform's refusal carries its statement of reasons, which the victim is entitled to see.
 */
final class CompletionPolicy {

    private CompletionPolicy() {
    }

    static void check(TransferPurpose purpose, TransferOutcome outcome, String statementOfReasons) {
        require(outcome != null, ErrorCode.INVALID_INPUT, "A completion needs an outcome.");
        require(outcome.isContentRemovalOutcome() == (purpose == TransferPurpose.CONTENT_REMOVAL),
                ErrorCode.OUTCOME_NOT_ALLOWED_FOR_PURPOSE, "This outcome does not fit the transfer's purpose.");
        require(outcome != TransferOutcome.REFUSED || !Rejections.isBlank(statementOfReasons),
                ErrorCode.STATEMENT_OF_REASONS_REQUIRED, "A refusal needs the platform's statement of reasons.");
    }
}
