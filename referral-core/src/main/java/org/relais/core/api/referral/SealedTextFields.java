package org.relais.core.api.referral;

/**
 * The field names that bind each sealed free-text value to its place (the associated data of
 * {@code PersonalDataProtector.sealText/openText}, and with the transfer's id of {@code sealTransferText/
 * openTransferText} for the {@code transfer.*} fields). Readers need the same name (and transfer) to open a value, so
 * the names are part of the contract: renaming one makes every stored value of that field unreadable.
 */
public final class SealedTextFields {

    public static final String CONSENT_GIVEN_BY = "consent.givenBy";
    public static final String TRANSFER_MESSAGE = "transfer.message";
    public static final String DECLINE_REASON = "transfer.declineReason";
    public static final String CANCELLATION_REASON = "transfer.cancellationReason";
    public static final String STATEMENT_OF_REASONS = "transfer.statementOfReasons";
    public static final String COMPLETION_NOTE = "transfer.completionNote";
    public static final String CLOSURE_NOTE = "referral.closureNote";
    public static final String REOPENING_REASON = "referral.reopeningReason";
    public static final String ERASURE_REASON = "referral.erasureReason";
    /** An internal note of the coordination, never shown to partners. */
    public static final String NOTE = "referral.note";
    /** A message of a transfer's conversation (a transfer text, bound to its transfer). */
    public static final String CONVERSATION_MESSAGE = "transfer.conversationMessage";

    private SealedTextFields() {
    }
}
