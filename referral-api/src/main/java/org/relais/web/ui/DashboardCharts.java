package org.relais.web.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.relais.core.api.Channel;
import org.relais.core.api.ClosureOutcome;
import org.relais.core.api.DailyIntakeView;
import org.relais.core.api.DashboardView;
import org.relais.core.api.DurationStatsView;
import org.relais.core.api.OpenCasesView;
import org.relais.core.api.PartnerKpiView;

/**
 * The dashboard's figures shaped for bar charts drawn in HTML and CSS: every bar has its count written beside it
 * and a width relative to the largest of its chart, so nothing is told by colour or length alone.
 */
record DashboardCharts(List<Day> intake,
                       List<Bar<Channel>> channels,
                       List<Open> openCases,
                       List<PartnerRow> partners,
                       long cases,
                       long minors,
                       long minorPercent,
                       List<Bar<ClosureOutcome>> closures,
                       String timeToContentRemoval,
                       long revision) {

    private static final int DAYS_SHOWN = 14;

    record Bar<T>(T key, long count, long percent) {
    }

    record Day(String day, long total, long percent, List<Bar<Channel>> channels) {
    }

    record Open(String status, String risk, long count, long percent) {
    }

    record PartnerRow(String partnerId, String name, long acknowledged, String median, String p90, long medianPercent,
                      long breaches, long breachPercent) {
    }

    static DashboardCharts of(DashboardView view, Map<String, String> partnerNames) {
        List<DailyIntakeView> days = view.intakePerDay().stream().sorted(Comparator.comparing(DailyIntakeView::day))
                .toList();
        days = days.subList(Math.max(0, days.size() - DAYS_SHOWN), days.size());
        long maxDay = days.stream().mapToLong(DailyIntakeView::total).max().orElse(0);
        Map<Channel, Long> byChannel = new EnumMap<>(Channel.class);
        List<Day> intake = new ArrayList<>();
        for (DailyIntakeView day : days) {
            List<Bar<Channel>> channels = new ArrayList<>();
            day.byChannel().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
                channels.add(new Bar<>(entry.getKey(), entry.getValue(), percent(entry.getValue(), day.total())));
                byChannel.merge(entry.getKey(), entry.getValue(), Long::sum);
            });
            intake.add(new Day(day.day().toString(), day.total(), percent(day.total(), maxDay), channels));
        }
        long maxChannel = byChannel.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<Bar<Channel>> channels = byChannel.entrySet().stream()
                .map(entry -> new Bar<>(entry.getKey(), entry.getValue(), percent(entry.getValue(), maxChannel)))
                .toList();

        long maxOpen = view.openCases().stream().mapToLong(OpenCasesView::count).max().orElse(0);
        List<Open> open = view.openCases().stream().filter(row -> row.count() > 0)
                .sorted(Comparator.comparing(OpenCasesView::status)
                        .thenComparing(row -> row.riskLevel() == null ? -1 : row.riskLevel().ordinal()))
                .map(row -> new Open(row.status().name(), row.riskLevel() == null ? "NONE" : row.riskLevel().name(),
                        row.count(), percent(row.count(), maxOpen)))
                .toList();

        double maxMedian = view.partners().stream().map(PartnerKpiView::timeToAcknowledge)
                .filter(stats -> stats != null && stats.medianSeconds() != null)
                .mapToDouble(DurationStatsView::medianSeconds).max().orElse(0);
        long maxBreaches = view.partners().stream().mapToLong(PartnerKpiView::slaBreaches).max().orElse(0);
        List<PartnerRow> partners = view.partners().stream().map(kpi -> {
            DurationStatsView ack = kpi.timeToAcknowledge();
            Double median = ack == null ? null : ack.medianSeconds();
            return new PartnerRow(kpi.partnerId(), partnerNames.getOrDefault(kpi.partnerId(), kpi.partnerId()),
                    ack == null ? 0 : ack.count(), duration(median), duration(ack == null ? null : ack.p90Seconds()),
                    median == null || maxMedian <= 0 ? 0 : Math.max(1, Math.round(100 * median / maxMedian)),
                    kpi.slaBreaches(), percent(kpi.slaBreaches(), maxBreaches));
        }).sorted(Comparator.comparing(PartnerRow::name)).toList();

        Map<ClosureOutcome, Long> closuresByOutcome = view.closuresByOutcome() == null ? Map.of()
                : view.closuresByOutcome();
        long maxClosure = closuresByOutcome.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<Bar<ClosureOutcome>> closures = closuresByOutcome.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> new Bar<>(entry.getKey(), entry.getValue(), percent(entry.getValue(), maxClosure)))
                .toList();
        return new DashboardCharts(intake, channels, open, partners, view.cases(), view.minors(),
                Math.round(100 * view.minorShare()), closures,
                duration(view.timeToContentRemoval() == null ? null : view.timeToContentRemoval().medianSeconds()),
                view.revision());
    }

    private static long percent(long value, long max) {
        return max <= 0 || value <= 0 ? 0 : Math.max(1, Math.round(100.0 * value / max));
    }

    /** Hours, minutes and seconds read alike in French and English; "–" when there is nothing to measure. */
    static String duration(Double seconds) {
        if (seconds == null) {
            return "–";
        }
        long total = Math.round(seconds);
        long hours = total / 3600;
        long minutes = total % 3600 / 60;
        if (hours > 0) {
            return hours + " h " + String.format("%02d", minutes) + " min";
        }
        return minutes > 0 ? minutes + " min " + String.format("%02d", total % 60) + " s" : total + " s";
    }
}
