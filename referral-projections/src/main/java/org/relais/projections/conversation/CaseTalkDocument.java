package org.relais.projections.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.relais.core.api.query.CaseTalkView;
import org.relais.core.api.referral.ConversationSide;
import org.relais.core.api.query.NoteView;
import org.relais.core.api.query.TransferMessageView;
import org.springframework.data.annotation.Id;

/**
 * The notes and messages of one case ({@code _id} = referral id), texts sealed as in the events. Notes and messages
 * are keyed by their own ids, so an event applied twice adds nothing; read marks only ever go up.
 */
class CaseTalkDocument {

    static final String COLLECTION = "case_talk";

    @Id
    String id;
    List<Note> notes = new ArrayList<>();
    List<Message> messages = new ArrayList<>();

    static class Note {
        String noteId;
        String author;
        Instant writtenAt;
        String sealedText;
    }

    static class Message {
        String transferId;
        String messageId;
        ConversationSide side;
        String author;
        Instant postedAt;
        String sealedText;
        boolean readByOther;
    }

    boolean hasNote(String noteId) {
        return notes.stream().anyMatch(note -> note.noteId.equals(noteId));
    }

    Message message(String transferId, String messageId) {
        return messages.stream().filter(m -> m.transferId.equals(transferId) && m.messageId.equals(messageId))
                .findFirst().orElse(null);
    }

    CaseTalkView toView() {
        return new CaseTalkView(id,
                notes.stream().map(n -> new NoteView(n.noteId, n.author, n.writtenAt, n.sealedText)).toList(),
                messages.stream().map(m -> new TransferMessageView(m.transferId, m.messageId, m.side, m.author,
                        m.postedAt, m.sealedText, m.readByOther)).toList());
    }
}
