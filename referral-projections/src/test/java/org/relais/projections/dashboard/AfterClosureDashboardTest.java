package org.relais.projections.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.query.DashboardView;
import org.relais.core.api.query.FindDashboardQuery;
import org.relais.core.api.query.OpenCasesView;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.projections.testing.Cases;
import org.relais.projections.testing.History;
import org.relais.projections.testing.ReadSide;

/**
 * An outcome reported after closure counts in the dashboard without opening the case again, and a reopened case
 * counts again among the open cases, in the cell of the status it goes back to.
 */
class AfterClosureDashboardTest {

    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

    private final ReadSide readSide = ReadSide.embedded();
    private final History history = new History(readSide.generations(), START);
    private final DashboardProjection dashboard = readSide.started(new DashboardProjection(readSide.context(),
            SimpleQueryUpdateEmitter.builder().build(),
            Clock.fixed(START.plus(Duration.ofDays(1)), ZoneId.of("Europe/Paris"))));
    private final Cases cases = new Cases(history.feeding(dashboard));

    @AfterEach
    void close() {
        readSide.close();
    }

    @Test
    void an_outcome_reported_after_closure_is_counted_and_the_case_stays_closed() {
        String id = cases.withConsent(RiskLevel.HIGH);
        cases.removal(id, "t-late", Cases.PLATFORM);
        cases.acknowledge(id, "t-late", Cases.PLATFORM);
        cases.accept(id, "t-late", Cases.PLATFORM);
        cases.close(id, ClosureOutcome.REFERRED);
        history.project();
        DashboardView before = dashboard();

        history.advance(Duration.ofHours(1));
        cases.complete(id, "t-late", Cases.PLATFORM, TransferOutcome.CONTENT_REMOVED);
        history.project();

        DashboardView after = dashboard();
        assertThat(after.timeToContentRemoval().count()).isEqualTo(before.timeToContentRemoval().count() + 1);
        assertThat(openCases(after)).as("the case is still closed: no open case more").isEqualTo(openCases(before));
        assertThat(after.closuresByOutcome()).isEqualTo(before.closuresByOutcome());
    }

    @Test
    void a_reopened_case_counts_again_as_received_in_progress_or_triaged() {
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
        DashboardView before = dashboard();

        for (String id : List.of(notTriaged, accepted, noTransfer)) {
            cases.reopen(id);
        }
        history.project();

        DashboardView after = dashboard();
        assertThat(openCases(after)).isEqualTo(openCases(before) + 3);
        assertThat(cell(after, ReferralStatus.RECEIVED, null)).isEqualTo(cell(before, ReferralStatus.RECEIVED, null) + 1);
        assertThat(cell(after, ReferralStatus.IN_PROGRESS, RiskLevel.IMMEDIATE_DANGER))
                .isEqualTo(cell(before, ReferralStatus.IN_PROGRESS, RiskLevel.IMMEDIATE_DANGER) + 1);
        assertThat(cell(after, ReferralStatus.TRIAGED, RiskLevel.MODERATE))
                .isEqualTo(cell(before, ReferralStatus.TRIAGED, RiskLevel.MODERATE) + 1);
    }

    private DashboardView dashboard() {
        return dashboard.handle(new FindDashboardQuery());
    }

    private static long openCases(DashboardView dashboard) {
        return dashboard.openCases().stream().mapToLong(OpenCasesView::count).sum();
    }

    private static long cell(DashboardView dashboard, ReferralStatus status, RiskLevel risk) {
        return dashboard.openCases().stream().filter(c -> c.status() == status && c.riskLevel() == risk)
                .mapToLong(OpenCasesView::count).sum();
    }
}
