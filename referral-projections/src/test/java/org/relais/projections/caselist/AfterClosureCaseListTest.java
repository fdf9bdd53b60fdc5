package org.relais.projections.caselist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.query.FindReferralsQuery;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.query.ReferralSummaryView;
import org.relais.core.api.referral.RiskLevel;
import org.relais.projections.testing.Cases;
import org.relais.projections.testing.History;
import org.relais.projections.testing.ReadSide;

/** A reopened case is listed again under the status it had before its closure: received, in progress or triaged. */
class AfterClosureCaseListTest {

    private final ReadSide readSide = ReadSide.embedded();
    private final History history = new History(readSide.generations(), Instant.parse("2026-03-02T10:00:00Z"));
    private final CaseListProjection caseList = readSide.started(new CaseListProjection(readSide.context()));
    private final CaseListQueries queries = new CaseListQueries(readSide.mongo(), readSide.generations());
    private final Cases cases = new Cases(history.feeding(caseList));

    @AfterEach
    void close() {
        readSide.close();
    }

    @Test
    void a_reopened_case_is_listed_as_received_in_progress_or_triaged() {
        String notTriaged = cases.intake(Channel.EMAIL, AgeBand.ADULT, Category.DISCRIMINATION);
        cases.close(notTriaged, ClosureOutcome.UNREACHABLE);
        String accepted = cases.withConsent(RiskLevel.IMMEDIATE_DANGER);
        cases.removal(accepted, "t-accepted", Cases.PLATFORM);
        cases.acknowledge(accepted, "t-accepted", Cases.PLATFORM);
        cases.accept(accepted, "t-accepted", Cases.PLATFORM);
        cases.close(accepted, ClosureOutcome.REFERRED);
        String noTransfer = cases.withConsent(RiskLevel.MODERATE);
        cases.close(noTransfer, ClosureOutcome.RESOLVED);
        history.project();
        assertThat(listed(ReferralStatus.CLOSED)).contains(notTriaged, accepted, noTransfer);

        for (String id : List.of(notTriaged, accepted, noTransfer)) {
            cases.reopen(id);
        }
        history.project();

        assertThat(listed(ReferralStatus.RECEIVED)).contains(notTriaged).doesNotContain(accepted, noTransfer);
        assertThat(listed(ReferralStatus.IN_PROGRESS)).contains(accepted).doesNotContain(notTriaged, noTransfer);
        assertThat(listed(ReferralStatus.TRIAGED)).contains(noTransfer).doesNotContain(notTriaged, accepted);
        assertThat(listed(ReferralStatus.CLOSED)).doesNotContain(notTriaged, accepted, noTransfer);
    }

    private List<String> listed(ReferralStatus status) {
        return queries.handle(new FindReferralsQuery(status, null, null, null, null, null, null, null, 0, 200, null))
                .items().stream().map(ReferralSummaryView::referralId).toList();
    }
}
