package org.relais.projections.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.access.ConversationReads;
import org.relais.core.api.referral.ConversationSide;
import org.relais.core.api.query.FindPartnerInboxQuery;
import org.relais.core.api.query.PartnerInboxItemView;
import org.relais.core.api.access.PersonalDataAccessedEvent;
import org.relais.core.api.referral.ReferralTriagedEvent;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.referral.TransferMessagePostedEvent;
import org.relais.core.api.referral.TransferState;
import org.relais.projections.testing.Cases;
import org.relais.projections.testing.History;
import org.relais.projections.testing.ReadSide;

/**
 * A partner's inbox: its transfers with the case's facts kept current through triage, their state, and the
 * coordination's messages its liaison has not been shown yet.
 */
class PartnerInboxReadModelTest {

    private final ReadSide readSide = ReadSide.embedded();
    private final History history = new History(readSide.generations(), Instant.parse("2026-03-02T10:00:00Z"));
    private final PartnerInboxProjection inbox = readSide.started(new PartnerInboxProjection(readSide.context()));
    private final Cases cases = new Cases(history.feeding(inbox));

    @AfterEach
    void close() {
        readSide.close();
    }

    @Test
    void the_inbox_follows_the_transfer_the_case_and_the_messages_read() {
        String id = cases.withConsent(RiskLevel.MODERATE);
        cases.removal(id, "t-1", Cases.PLATFORM);
        history.referral(id, new TransferMessagePostedEvent(id, "t-1", Cases.PLATFORM, "m-1",
                ConversationSide.COORDINATION, "v2:hello"), History.COORDINATOR);
        history.project();
        PartnerInboxItemView requested = item();
        assertThat(requested.state()).isEqualTo(TransferState.REQUESTED);
        assertThat(requested.reference()).isEqualTo(cases.reference(id));
        assertThat(requested.riskLevel()).isEqualTo(RiskLevel.MODERATE);
        assertThat(requested.unreadMessages()).isEqualTo(1);
        assertThat(requested.noticeCount()).isEqualTo(1);

        history.referral(id, new ReferralTriagedEvent(id, RiskLevel.HIGH, Set.of(Category.CYBERHARASSMENT,
                Category.HATE_SPEECH), AgeBand.AGE_11_14), History.COORDINATOR);
        cases.acknowledge(id, "t-1", Cases.PLATFORM);
        history.append("Access", "a-1", new PersonalDataAccessedEvent(id, Set.of(),
                Set.of(ConversationReads.textOf("t-1", "m-1")), "answering"),
                History.liaison("platform", Cases.PLATFORM));
        history.project();

        PartnerInboxItemView acknowledged = item();
        assertThat(acknowledged.state()).isEqualTo(TransferState.ACKNOWLEDGED);
        assertThat(acknowledged.acknowledgedAt()).isNotNull();
        assertThat(acknowledged.riskLevel()).isEqualTo(RiskLevel.HIGH);
        assertThat(acknowledged.ageBand()).isEqualTo(AgeBand.AGE_11_14);
        assertThat(acknowledged.categories()).containsExactlyInAnyOrder(Category.CYBERHARASSMENT,
                Category.HATE_SPEECH);
        assertThat(acknowledged.unreadMessages()).isZero();
        assertThat(inbox.handle(new FindPartnerInboxQuery(Cases.PLATFORM, TransferState.REQUESTED, 0, 10)).total())
                .isZero();

        inbox.apply(history.all(), readSide.generations().active(inbox.name()));
        assertThat(item()).as("every event delivered again changes nothing").isEqualTo(acknowledged);
    }

    private PartnerInboxItemView item() {
        return inbox.handle(new FindPartnerInboxQuery(Cases.PLATFORM, null, 0, 10)).items().stream().findFirst()
                .orElseThrow();
    }
}
