package org.relais.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.relais.core.api.Category;
import org.relais.core.api.query.FlaggerNoticeView;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.query.NoticeAnswerView;
import org.relais.core.api.referral.NoticeOutcome;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.referral.TransferState;

/** The report's arithmetic on hand-made notices: percentiles by nearest rank, older removals, empty years. */
class TrustedFlaggerReportTest {

    private static final Instant SENT = Instant.parse("2026-03-02T10:00:00Z");

    private static FlaggerNoticeView removal(String id, HostingService service, int notices, TransferState state,
                                             TransferOutcome decision, NoticeAnswerView... answers) {
        return new FlaggerNoticeView("r-" + id, "t-" + id, "p", state, SENT, SENT.plusSeconds(3600), null,
                decision == null ? null : SENT.plus(Duration.ofHours(6)), decision, null, service,
                Set.of(Category.HATE_SPEECH), notices, List.of(answers), null);
    }

    private static NoticeAnswerView answer(int index, NoticeOutcome outcome, Duration after, String reasons) {
        return new NoticeAnswerView(index, outcome, SENT.plus(after), reasons);
    }

    @Test
    void the_median_of_an_even_count_is_the_lower_middle_and_the_p90_the_nearest_rank() {
        HostingService social = new HostingService("Social Example", null);
        TrustedFlaggerReport report = TrustedFlaggerReport.of(2026, List.of(
                removal("a", social, 4, TransferState.ACCEPTED, null,
                        answer(0, NoticeOutcome.REMOVED, Duration.ofMinutes(10), "S-0"),
                        answer(1, NoticeOutcome.REMOVED, Duration.ofMinutes(40), null),
                        answer(2, NoticeOutcome.RESTRICTED, Duration.ofMinutes(20), null),
                        answer(3, NoticeOutcome.REFUSED, Duration.ofMinutes(30), null))));

        assertThat(report.timeToAction().median()).isEqualTo(Duration.ofMinutes(20));
        assertThat(report.timeToAction().p90()).isEqualTo(Duration.ofMinutes(40));
        assertThat(report.refused()).singleElement().satisfies(r -> {
            assertThat(r.noticeIndex()).isEqualTo(3);
            assertThat(r.statementOfReasons()).isEqualTo("not provided");
        });
        assertThat(report.unansweredByTransferState()).isEmpty();
    }

    @Test
    void a_removal_stored_before_hosting_services_counts_as_one_notice_to_an_unknown_service_with_its_completion() {
        TrustedFlaggerReport report = TrustedFlaggerReport.of(2026, List.of(
                removal("old", null, 1, TransferState.COMPLETED, TransferOutcome.REFUSED),
                removal("older", null, 1, TransferState.DECLINED, null)));

        assertThat(report.notices()).isEqualTo(2);
        assertThat(report.byHostingService()).singleElement().satisfies(b -> {
            assertThat(b.name()).isEqualTo(TrustedFlaggerReport.UNKNOWN_HOSTING_SERVICE);
            assertThat(b.byOutcome()).containsEntry("REFUSED", 1).containsEntry("NO_ANSWER", 1);
        });
        assertThat(report.timeToAction().median()).isEqualTo(Duration.ofHours(6));
        assertThat(report.unansweredByTransferState()).isEqualTo(Map.of(TransferState.DECLINED, 1));
    }

    @Test
    void a_year_without_notices_has_no_times() {
        TrustedFlaggerReport report = TrustedFlaggerReport.of(2025, List.of());

        assertThat(report.notices()).isZero();
        assertThat(report.timeToAction().median()).isNull();
        assertThat(report.from()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(report.to()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(report.toCsv()).startsWith("section,item,measure,value");
    }
}
