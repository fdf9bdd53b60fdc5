package org.relais.projections.conversation;

import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
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
import org.relais.projections.support.BatchProjection;
import org.relais.projections.support.CollectionSet;
import org.relais.projections.support.DocumentBatch;
import org.relais.projections.support.Events;
import org.relais.projections.support.LiveBatches;
import org.relais.projections.support.ProjectionGenerations;
import org.springframework.data.mongodb.core.MongoTemplate;
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
class ConversationProjection implements BatchProjection {

    static final String PROCESSING_GROUP = "conversations";

    private final MongoTemplate mongo;
    private final ProjectionGenerations generations;
    private final LiveBatches live;

    ConversationProjection(MongoTemplate mongo, ProjectionGenerations generations, LiveBatches live) {
        this.mongo = mongo;
        this.generations = generations;
        this.live = live;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) {
        live.handle(this, event);
    }

    @Override
    public String name() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(CaseTalkDocument.COLLECTION);
    }

    @Override
    public void apply(List<? extends EventMessage<?>> events, CollectionSet target) {
        String collection = target.name(CaseTalkDocument.COLLECTION);
        DocumentBatch batch = new DocumentBatch(mongo);
        batch.prefetch(CaseTalkDocument.class, collection, events.stream().map(e -> referralIdOf(e.getPayload()))
                .filter(id -> id != null).toList(), document -> document.id);
        for (EventMessage<?> event : events) {
            Object payload = event.getPayload();
            if (payload instanceof NoteAddedEvent added) {
                CaseTalkDocument talk = talk(batch, collection, added.referralId());
                if (!talk.hasNote(added.noteId())) {
                    CaseTalkDocument.Note note = new CaseTalkDocument.Note();
                    note.noteId = added.noteId();
                    note.author = Events.metadata(event, ActorMetadata.USER);
                    note.writtenAt = event.getTimestamp();
                    note.sealedText = added.text();
                    talk.notes.add(note);
                    batch.save(collection, talk.id, talk);
                }
            } else if (payload instanceof TransferMessagePostedEvent posted) {
                CaseTalkDocument talk = talk(batch, collection, posted.referralId());
                if (talk.message(posted.transferId(), posted.messageId()) == null) {
                    CaseTalkDocument.Message message = new CaseTalkDocument.Message();
                    message.transferId = posted.transferId();
                    message.messageId = posted.messageId();
                    message.side = posted.side();
                    message.author = Events.metadata(event, ActorMetadata.USER);
                    message.postedAt = event.getTimestamp();
                    message.sealedText = posted.text();
                    talk.messages.add(message);
                    batch.save(collection, talk.id, talk);
                }
            } else if (payload instanceof PersonalDataAccessedEvent accessed) {
                ConversationSide readerSide = sideOf(Events.metadata(event, ActorMetadata.ROLE));
                CaseTalkDocument talk = readerSide == null ? null
                        : batch.find(CaseTalkDocument.class, collection, accessed.referralId());
                if (talk != null && markRead(talk, accessed, readerSide)) {
                    batch.save(collection, talk.id, talk);
                }
            }
        }
        batch.flush();
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

    private static CaseTalkDocument talk(DocumentBatch batch, String collection, String referralId) {
        CaseTalkDocument talk = batch.find(CaseTalkDocument.class, collection, referralId);
        if (talk == null) {
            talk = new CaseTalkDocument();
            talk.id = referralId;
        }
        return talk;
    }

    private static String referralIdOf(Object payload) {
        if (payload instanceof NoteAddedEvent e) {
            return e.referralId();
        } else if (payload instanceof TransferMessagePostedEvent e) {
            return e.referralId();
        } else if (payload instanceof PersonalDataAccessedEvent e) {
            return e.referralId();
        }
        return null;
    }

    @Override
    public void declareIndexes(CollectionSet target) {
        // Read by _id only.
    }

    @QueryHandler
    CaseTalkView handle(FindCaseTalkQuery query) {
        return Optional.ofNullable(mongo.findById(query.referralId(), CaseTalkDocument.class,
                        generations.active(PROCESSING_GROUP).name(CaseTalkDocument.COLLECTION)))
                .map(CaseTalkDocument::toView).orElse(CaseTalkView.none(query.referralId()));
    }

    @ResetHandler
    void reset() {
        generations.resetActive(this);
    }
}
