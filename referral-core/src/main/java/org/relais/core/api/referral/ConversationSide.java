package org.relais.core.api.referral;

/** The two sides of a transfer's conversation: the case's coordination, and the partner it was handed to. */
public enum ConversationSide {
    COORDINATION,
    PARTNER;

    public ConversationSide other() {
        return this == COORDINATION ? PARTNER : COORDINATION;
    }
}
