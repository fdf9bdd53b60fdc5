package org.relais.projections.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.referral.CoordinatorAssignedEvent;
import org.relais.core.api.referral.NoteAddedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.projections.testing.History;
import org.relais.projections.testing.ReadSide;

/**
 * The adapter routes each event of a batch, in order, to the handler of its exact type or else to the one for every
 * other event, reads the declared documents up front, and keeps what a batch shares to that batch.
 */
class RoutedProjectionTest {

    private final ReadSide readSide = ReadSide.embedded();
    private final History history = new History(readSide.generations(), Instant.parse("2026-03-02T10:00:00Z"));

    @AfterEach
    void close() {
        readSide.close();
    }

    @Test
    void events_reach_their_own_handler_or_the_one_for_every_other_in_order_and_are_written_once_per_batch() {
        Recording recording = readSide.started(new Recording(readSide.context()));
        history.feeding(recording);
        history.referral("r-1", new NoteAddedEvent("r-1", "n-1", "v2:a"), History.COORDINATOR);
        history.referral("r-1", new CoordinatorAssignedEvent("r-1", "alice"), History.COORDINATOR);
        history.referral("r-1", new NoteAddedEvent("r-1", "n-2", "v2:b"), History.COORDINATOR);
        history.project();
        history.referral("r-1", new ReferralReopenedEvent("r-1", "v2:c"), History.COORDINATOR);
        history.project();

        assertThat(recording.seen).containsExactly("note n-1 by coordinator", "other CoordinatorAssignedEvent",
                "note n-2 by coordinator", "batch of 3 with 2 notes", "other ReferralReopenedEvent",
                "batch of 1 with 0 notes");
        Document stored = readSide.mongo().findById("r-1", Document.class, "routed_notes");
        assertThat(stored.getInteger("notes")).isEqualTo(2);
        assertThat(recording.name()).isEqualTo("routed");
        assertThat(recording.collections()).containsExactly("routed_notes");
    }

    @Test
    void a_type_with_two_handlers_is_refused() {
        assertThatThrownBy(() -> new RoutedProjection(readSide.context(), "twice", "twice") {
            {
                on(NoteAddedEvent.class, (e, event) -> { });
                on(NoteAddedEvent.class, (e, event) -> { });
            }

            @Override
            public void declareIndexes(CollectionSet target) {
            }
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("NoteAddedEvent");
    }

    /** Counts a case's notes in one document and records what it was handed. */
    static final class Recording extends RoutedProjection {

        final List<String> seen = new ArrayList<>();

        Recording(ProjectionContext context) {
            super(context, "routed", "routed_notes");
            prefetch(Document.class, "routed_notes", document -> document.getString("_id"))
                    .by(NoteAddedEvent.class, NoteAddedEvent::referralId);
            on(NoteAddedEvent.class, this::noteAdded);
            onAnyOther((payload, event) -> seen.add("other " + payload.getClass().getSimpleName()));
        }

        private void noteAdded(NoteAddedEvent added, Applying event) {
            seen.add("note " + added.noteId() + " by " + event.metadata(ActorMetadata.USER));
            event.batch().local(Notes.class, Notes::new).count++;
            Document document = event.find(Document.class, "routed_notes", added.referralId());
            Document next = document == null ? new Document() : document;
            next.put("notes", next.getInteger("notes", 0) + 1);
            event.save("routed_notes", added.referralId(), next);
        }

        @Override
        protected void finish(Applying.Batch batch) {
            Notes notes = batch.localIfMade(Notes.class);
            seen.add("batch of " + batch.events().size() + " with " + (notes == null ? 0 : notes.count) + " notes");
        }

        @Override
        public void declareIndexes(CollectionSet target) {
        }
    }

    static final class Notes {
        int count;
    }
}
