package org.relais.core.api.referral;

import org.axonframework.serialization.Revision;

/**
 * A message was posted in the conversation of a transfer by {@code side}; {@code text} is sealed as a text of that
 * transfer ({@link SealedTextFields#CONVERSATION_MESSAGE}), so it opens for this transfer only.
 */
@Revision("1")
public record TransferMessagePostedEvent(String referralId, String transferId, String partnerId, String messageId,
                                         ConversationSide side, String text) {
}
