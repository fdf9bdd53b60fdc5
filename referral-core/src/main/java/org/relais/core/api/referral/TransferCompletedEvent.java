package org.relais.core.api.referral;

import org.axonframework.serialization.Revision;

/**
 * The partner reported the outcome. {@code statementOfReasons} ({@link SealedTextFields#STATEMENT_OF_REASONS}) and
 * {@code note} ({@link SealedTextFields#COMPLETION_NOTE}) are sealed, null when not given.
 */
@Revision("1")
public record TransferCompletedEvent(String referralId,
                                     String transferId,
                                     String partnerId,
                                     TransferOutcome outcome,
                                     String statementOfReasons,
                                     String note) {
}
