package org.relais.core.api.query;

import java.time.Instant;
import org.relais.core.api.referral.ConversationSide;

/**
 * One message of a transfer's conversation, {@code sealedText} sealed as a text of that transfer. {@code readByOther}:
 * a reader of the other side than the writer's has been shown it (derived from the access log).
 */
public record TransferMessageView(String transferId, String messageId, ConversationSide side, String author,
                                  Instant postedAt, String sealedText, boolean readByOther) {
}
