package org.relais.projections.conversation;

import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.queryhandling.QueryHandler;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.query.CaseTalkView;
import org.relais.core.api.access.ConversationReads;
import org.relais.core.api.referral.ConversationSide;
import org.relais.core.api.query.FindCaseTalkQuery;
import org.relais.core.api.referral.NoteAddedEvent;
import org.relais.core.api.access.PersonalDataAccessedEvent;
import org.relais.core.api.Role;
import org.relais.core.api.referral.TransferMessagePostedEvent;
import org.relais.projections.support.Applying;
import org.relais.projections.support.CollectionSet;
import org.relais.projections.support.ProjectionContext;
import org.relais.projections.support.RoutedProjection;
import org.springframework.stereotype.Component;

/**
 * What is written on a case after intake: internal notes and the conversation of each transfer, kept apart from the
 * case detail so that the reads which mark messages as read (access records, not events of the case) never touch
 * the case's document or its version.
 *
 * <p>"Read" is derived, not stored by anyone: a message counts as read by the other side once an access record
 * names it ({@link ConversationReads}) for a reader of that side: a coordinator for a partner's message, a liaison
 * (whom the edge only ever shows their own partner's transfers) for the coordination's. An auditor's read marks
 * nothing. A rebuild derives the same marks from the same records.
 */
@Component
@ProcessingGroup(ConversationProjection.PROCESSING_GROUP)
class ConversationProjection extends RoutedProjection {

    static final String PROCESSING_GROUP = "conversations";

    private static final String COLLECTION = CaseTalkDocument.COLLECTION;

    ConversationProjection(ProjectionContext context) {
        super(context, PROCESSING_GROUP, COLLECTION);
        prefetch(CaseTalkDocument.class, COLLECTION, document -> document.id)
                .by(NoteAddedEvent.class, NoteAddedEvent::referralId)
                .by(TransferMessagePostedEvent.class, TransferMessagePostedEvent::referralId)
                .by(PersonalDataAccessedEvent.class, PersonalDataAccessedEvent::referralId);
        on(NoteAddedEvent.class, this::noteAdded);
        on(TransferMessagePostedEvent.class, this::messagePosted);
        on(PersonalDataAccessedEvent.class, this::accessed);
    }

    private void noteAdded(NoteAddedEvent added, Applying event) {
        CaseTalkDocument talk = talk(event, added.referralId());
        if (!talk.hasNote(added.noteId())) {
            CaseTalkDocument.Note note = new CaseTalkDocument.Note();
            note.noteId = added.noteId();
            note.author = event.metadata(ActorMetadata.USER);
            note.writtenAt = event.at();
            note.sealedText = added.text();
            talk.notes.add(note);
            event.save(COLLECTION, talk.id, talk);
        }
    }

    private void messagePosted(TransferMessagePostedEvent posted, Applying event) {
        CaseTalkDocument talk = talk(event, posted.referralId());
        if (talk.message(posted.transferId(), posted.messageId()) == null) {
            CaseTalkDocument.Message message = new CaseTalkDocument.Message();
            message.transferId = posted.transferId();
            message.messageId = posted.messageId();
            message.side = posted.side();
            message.author = event.metadata(ActorMetadata.USER);
            message.postedAt = event.at();
            message.sealedText = posted.text();
            talk.messages.add(message);
            event.save(COLLECTION, talk.id, talk);
        }
    }

    private void accessed(PersonalDataAccessedEvent accessed, Applying event) {
        ConversationSide readerSide = sideOf(event.metadata(ActorMetadata.ROLE));
        CaseTalkDocument talk = readerSide == null ? null
                : event.find(CaseTalkDocument.class, COLLECTION, accessed.referralId());
        if (talk != null && markRead(talk, accessed, readerSide)) {
            event.save(COLLECTION, talk.id, talk);
        }
    }

    private static boolean markRead(CaseTalkDocument talk, PersonalDataAccessedEvent accessed,
                                    ConversationSide readerSide) {
        boolean changed = false;
        for (String text : accessed.texts()) {
            Optional<ConversationReads.Shown> shown = ConversationReads.parse(text);
            CaseTalkDocument.Message message = shown.map(s -> talk.message(s.transferId(), s.messageId()))
                    .orElse(null);
            if (message != null && message.side != readerSide && !message.readByOther) {
                message.readByOther = true;
                changed = true;
            }
        }
        return changed;
    }

    /** The side a reader reads for; null for those (auditors) whose reading marks nothing. */
    static ConversationSide sideOf(String role) {
        if (Role.COORDINATOR.name().equals(role)) {
            return ConversationSide.COORDINATION;
        }
        return Role.LIAISON.name().equals(role) ? ConversationSide.PARTNER : null;
    }

    private static CaseTalkDocument talk(Applying event, String referralId) {
        CaseTalkDocument talk = event.find(CaseTalkDocument.class, COLLECTION, referralId);
        if (talk == null) {
            talk = new CaseTalkDocument();
            talk.id = referralId;
        }
        return talk;
    }

    @Override
    public void declareIndexes(CollectionSet target) {
        // Read by _id only.
    }

    @QueryHandler
    CaseTalkView handle(FindCaseTalkQuery query) {
        return Optional.ofNullable(mongo().findById(query.referralId(), CaseTalkDocument.class,
                        active().name(COLLECTION)))
                .map(CaseTalkDocument::toView).orElse(CaseTalkView.none(query.referralId()));
    }
}
