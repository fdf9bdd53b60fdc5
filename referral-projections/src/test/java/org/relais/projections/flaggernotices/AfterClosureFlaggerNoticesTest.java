package org.relais.projections.flaggernotices;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.query.FindFlaggerNoticesQuery;
import org.relais.core.api.query.FlaggerNoticeView;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.referral.TransferState;
import org.relais.projections.testing.Cases;
import org.relais.projections.testing.History;
import org.relais.projections.testing.ReadSide;

/** A removal the hosting service reports after the case's closure is decided in the trusted-flagger notices. */
class AfterClosureFlaggerNoticesTest {

    private final ReadSide readSide = ReadSide.embedded();
    private final History history = new History(readSide.generations(), Instant.parse("2026-03-02T10:00:00Z"));
    private final FlaggerNoticesProjection notices = readSide.started(
            new FlaggerNoticesProjection(readSide.context()));
    private final Cases cases = new Cases(history.feeding(notices));

    @AfterEach
    void close() {
        readSide.close();
    }

    @Test
    void an_outcome_reported_after_closure_decides_the_notice() {
        String id = cases.withConsent(RiskLevel.HIGH);
        cases.removal(id, "t-late", Cases.PLATFORM);
        cases.acknowledge(id, "t-late", Cases.PLATFORM);
        cases.accept(id, "t-late", Cases.PLATFORM);
        cases.close(id, ClosureOutcome.REFERRED);
        cases.complete(id, "t-late", Cases.PLATFORM, TransferOutcome.CONTENT_REMOVED);
        history.project();

        FlaggerNoticeView notice = notices.handle(new FindFlaggerNoticesQuery(null, null)).stream()
                .filter(n -> n.transferId().equals("t-late")).findFirst().orElseThrow();
        assertThat(notice.decision()).isEqualTo(TransferOutcome.CONTENT_REMOVED);
        assertThat(notice.state()).isEqualTo(TransferState.COMPLETED);
    }
}
