package org.relais.projections.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.query.CaseTalkView;
import org.relais.core.api.access.ConversationReads;
import org.relais.core.api.referral.ConversationSide;
import org.relais.core.api.query.FindCaseTalkQuery;
import org.relais.core.api.referral.NoteAddedEvent;
import org.relais.core.api.access.PersonalDataAccessedEvent;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.referral.TransferMessagePostedEvent;
import org.relais.core.api.query.TransferMessageView;
import org.relais.projections.testing.Cases;
import org.relais.projections.testing.History;
import org.relais.projections.testing.ReadSide;

/**
 * Notes and the conversation of a transfer, and which messages the other side has read: derived from the access
 * records of a coordinator or a liaison (an auditor's reading marks nothing), whatever the number of deliveries.
 */
class ConversationReadModelTest {

    private static final Map<String, String> AUDITOR = Map.of(ActorMetadata.USER, "auditor", ActorMetadata.ROLE,
            "AUDITOR");

    private final ReadSide readSide = ReadSide.embedded();
    private final History history = new History(readSide.generations(), Instant.parse("2026-03-02T10:00:00Z"));
    private final ConversationProjection conversations = readSide.started(
            new ConversationProjection(readSide.context()));
    private final Cases cases = new Cases(history.feeding(conversations));

    @AfterEach
    void close() {
        readSide.close();
    }

    @Test
    void notes_and_messages_are_kept_and_read_marks_follow_who_was_shown_them() {
        String id = cases.withConsent(RiskLevel.MODERATE);
        cases.removal(id, "t-1", Cases.HELPLINE);
        history.referral(id, new NoteAddedEvent(id, "n-1", "v2:note"), History.COORDINATOR);
        history.referral(id, new TransferMessagePostedEvent(id, "t-1", Cases.HELPLINE, "m-1",
                ConversationSide.COORDINATION, "v2:hello"), History.COORDINATOR);
        history.referral(id, new TransferMessagePostedEvent(id, "t-1", Cases.HELPLINE, "m-2",
                ConversationSide.PARTNER, "v2:answer"), History.liaison("helpline", Cases.HELPLINE));
        history.project();

        CaseTalkView talk = talk(id);
        assertThat(talk.notes()).singleElement().satisfies(note -> {
            assertThat(note.author()).isEqualTo("coordinator");
            assertThat(note.sealedText()).isEqualTo("v2:note");
        });
        assertThat(talk.messages()).extracting(TransferMessageView::messageId).containsExactly("m-1", "m-2");
        assertThat(talk.messages()).noneMatch(TransferMessageView::readByOther);

        history.append("Access", "a-1", shown(id, "m-1", "m-2"), AUDITOR);
        history.append("Access", "a-2", shown(id, "m-1", "m-2"), History.liaison("helpline", Cases.HELPLINE));
        history.project();
        assertThat(read(id)).as("the liaison read the coordination's message, not its own")
                .isEqualTo(Map.of("m-1", true, "m-2", false));

        history.append("Access", "a-3", shown(id, "m-2"), History.COORDINATOR);
        history.project();
        assertThat(read(id)).isEqualTo(Map.of("m-1", true, "m-2", true));

        CaseTalkView once = talk(id);
        conversations.apply(history.all(), readSide.generations().active(conversations.name()));
        assertThat(talk(id)).as("every event delivered again changes nothing").isEqualTo(once);
    }

    @Test
    void a_case_without_notes_or_messages_has_an_empty_talk() {
        assertThat(talk("unknown").notes()).isEmpty();
        assertThat(talk("unknown").messages()).isEmpty();
    }

    private static PersonalDataAccessedEvent shown(String referralId, String... messageIds) {
        Set<String> texts = new java.util.TreeSet<>();
        for (String messageId : messageIds) {
            texts.add(ConversationReads.textOf("t-1", messageId));
        }
        return new PersonalDataAccessedEvent(referralId, Set.of(), texts, "case work");
    }

    private Map<String, Boolean> read(String id) {
        Map<String, Boolean> read = new java.util.TreeMap<>();
        talk(id).messages().forEach(message -> read.put(message.messageId(), message.readByOther()));
        return read;
    }

    private CaseTalkView talk(String id) {
        return conversations.handle(new FindCaseTalkQuery(id));
    }
}
