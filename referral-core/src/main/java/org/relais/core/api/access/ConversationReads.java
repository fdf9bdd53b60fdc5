package org.relais.core.api.access;

import java.util.Optional;
import org.relais.core.api.referral.SealedTextFields;

/**
 * How a shown message of a transfer's conversation is named in {@link PersonalDataAccessedEvent#texts()}: like the
 * other texts of a transfer ({@code field:transferId}), followed by {@code /messageId}. Naming each message makes the
 * access log say exactly which messages a reader was shown, and lets read models derive from those records which
 * messages the other side has read, with no state of their own that a rebuild could lose.
 */
public final class ConversationReads {

    private static final String PREFIX = SealedTextFields.CONVERSATION_MESSAGE + ":";

    private ConversationReads() {
    }

    public static String textOf(String transferId, String messageId) {
        return PersonalDataAccessedEvent.textOf(SealedTextFields.CONVERSATION_MESSAGE, transferId) + "/" + messageId;
    }

    /** The message a recorded text names, if it names one. */
    public static Optional<Shown> parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = text.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        return slash <= 0 || slash == rest.length() - 1 ? Optional.empty()
                : Optional.of(new Shown(rest.substring(0, slash), rest.substring(slash + 1)));
    }

    /** One message of one transfer, as named in an access record. */
    public record Shown(String transferId, String messageId) {
    }
}
