package org.relais.projections.audittrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.query.AuditEntryView;
import org.relais.core.api.query.FindAuditTrailQuery;
import org.relais.core.api.referral.RiskLevel;
import org.relais.projections.testing.Cases;
import org.relais.projections.testing.History;
import org.relais.projections.testing.ReadSide;

/**
 * Every event of every aggregate is one entry, in the order things happened, with who did it and a line without
 * personal data; an event delivered again leaves its entry as it was.
 */
class AuditTrailReadModelTest {

    private final ReadSide readSide = ReadSide.embedded();
    private final History history = new History(readSide.generations(), Instant.parse("2026-03-02T10:00:00Z"));
    private final AuditTrailProjection trail = readSide.started(new AuditTrailProjection(readSide.context(),
            identifiers -> Map.of()));
    private final Cases cases = new Cases(history.feeding(trail));

    @AfterEach
    void close() {
        readSide.close();
    }

    @Test
    void each_event_is_one_entry_naming_its_actor_without_personal_data() {
        String id = cases.withConsent(RiskLevel.HIGH);
        history.advance(Duration.ofMinutes(5));
        cases.removal(id, "t-1", Cases.PLATFORM);
        history.advance(Duration.ofMinutes(5));
        cases.acknowledge(id, "t-1", Cases.PLATFORM);
        history.project();

        List<AuditEntryView> entries = page(id, null).items();
        assertThat(entries).extracting(AuditEntryView::eventType).containsExactly("ReferralReceivedEvent",
                "ReferralTriagedEvent", "ConsentGivenEvent", "TransferRequestedEvent", "TransferAcknowledgedEvent");
        assertThat(entries).extracting(AuditEntryView::sequence).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.aggregateType()).isEqualTo("Referral");
            assertThat(entry.referralId()).isEqualTo(id);
            assertThat(entry.globalIndex()).isNotNull();
            assertThat(entry.description()).isNotBlank().doesNotContain("v1:", "v2:");
        });
        assertThat(entries.get(4).actorUser()).isEqualTo("platform");
        assertThat(entries.get(4).actorPartner()).isEqualTo(Cases.PLATFORM);
        assertThat(page(null, "platform").total()).isEqualTo(1);

        trail.apply(history.all(), readSide.generations().active(trail.name()));
        history.all().forEach(event -> trail.apply(List.of(event), readSide.generations().active(trail.name())));
        assertThat(page(id, null).items()).as("every event delivered again is still one entry").isEqualTo(entries);
    }

    private org.relais.core.api.query.AuditTrailPageView page(String referralId, String actor) {
        return trail.handle(new FindAuditTrailQuery(referralId, actor, null, null, 0, 50));
    }
}
