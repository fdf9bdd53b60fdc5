package org.relais.core.api.query;

import java.util.List;

/**
 * What was written on a case after intake: the coordination's internal notes and the messages of each transfer's
 * conversation, in the order they were written, texts sealed. The web edge decides who is shown which.
 */
public record CaseTalkView(String referralId, List<NoteView> notes, List<TransferMessageView> messages) {

    public CaseTalkView {
        notes = notes == null ? List.of() : List.copyOf(notes);
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    public static CaseTalkView none(String referralId) {
        return new CaseTalkView(referralId, List.of(), List.of());
    }

    public List<TransferMessageView> messagesOf(String transferId) {
        return messages.stream().filter(message -> message.transferId().equals(transferId)).toList();
    }
}
