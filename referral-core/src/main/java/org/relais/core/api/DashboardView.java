package org.relais.core.api;

import java.util.List;
import java.util.Map;

/**
 * The dashboard's figures, kept incrementally as events arrive. {@code minorShare} is minors / cases received
 * (age band as corrected at triage); durations are in seconds; {@code revision} grows with every change.
 */
public record DashboardView(List<OpenCasesView> openCases,
                            List<DailyIntakeView> intakePerDay,
                            long cases,
                            long minors,
                            double minorShare,
                            List<PartnerKpiView> partners,
                            DurationStatsView timeToContentRemoval,
                            Map<ClosureOutcome, Long> closuresByOutcome,
                            long revision) {
}
