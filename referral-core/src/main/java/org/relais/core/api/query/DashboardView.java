package org.relais.core.api.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.relais.core.api.referral.ClosureOutcome;

/**
 * The dashboard's figures over the period {@code from}–{@code to} (days in the service's time zone, both included).
 * Every figure counts cases or transfers, never events: {@code cases} are the cases received in the period,
 * {@code minors} those of them whose age band (as corrected at triage) is a minor's, {@code closuresByOutcome} the
 * cases closed in the period by the outcome of their last closure in it, the partners' figures the transfers
 * acknowledged, overdue or completed in it. {@code openCases} is a snapshot of now whatever the period. Durations are
 * in seconds; {@code revision} grows with every change of the read model.
 */
public record DashboardView(List<OpenCasesView> openCases,
                            List<DailyIntakeView> intakePerDay,
                            long cases,
                            long minors,
                            double minorShare,
                            List<PartnerKpiView> partners,
                            DurationStatsView timeToContentRemoval,
                            Map<ClosureOutcome, Long> closuresByOutcome,
                            long revision,
                            LocalDate from,
                            LocalDate to) {
}
