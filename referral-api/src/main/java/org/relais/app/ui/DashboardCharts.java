package org.relais.app.ui;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.query.DailyIntakeView;
import org.relais.core.api.query.DashboardView;
import org.relais.core.api.query.DurationStatsView;
import org.relais.core.api.query.MonthlyCountView;
import org.relais.core.api.query.OpenCasesView;
import org.relais.core.api.query.PartnerKpiView;

/**
 * The dashboard's figures shaped for the page: stacked column charts drawn as server-side SVG (intakes per week by
 * channel and by category, the share of minors per week, SLA breaches per partner by month), each with its table as
 * text alternative, and bars in tables whose counts are written beside them, so nothing is told by colour or length
 * alone. Labels come resolved in the reader's language through {@code messages}.
 */
record DashboardCharts(String from,
                       String to,
                       boolean live,
                       StackedBars intakeByChannel,
                       StackedBars intakeByCategory,
                       StackedBars minorShare,
                       StackedBars breaches,
                       List<Open> openCases,
                       List<PartnerRow> partners,
                       long cases,
                       long minors,
                       long minorPercent,
                       List<Bar<ClosureOutcome>> closures,
                       String timeToContentRemoval,
                       long revision) {

    record Bar<T>(T key, long count, long percent) {
    }

    record Open(String status, String risk, long count, long percent) {
    }

    record PartnerRow(String partnerId, String name, long acknowledged, String median, String p90, long medianPercent,
                      String openMedian, String openP90, long breaches, long breachPercent) {
    }

    static DashboardCharts of(DashboardView view, Map<String, String> partnerNames, boolean live,
                              Function<String, String> messages) {
        List<LocalDate> weeks = new ArrayList<>();
        for (LocalDate week = view.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
             !week.isAfter(view.to()); week = week.plusWeeks(1)) {
            weeks.add(week);
        }
        List<String> weekLabels = weeks.stream().map(LocalDate::toString).toList();
        Map<LocalDate, List<DailyIntakeView>> daysByWeek = new LinkedHashMap<>();
        weeks.forEach(week -> daysByWeek.put(week, new ArrayList<>()));
        view.intakePerDay().forEach(day -> daysByWeek.computeIfAbsent(
                day.day().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), week -> new ArrayList<>()).add(day));

        List<Channel> channels = List.of(Channel.values());
        StackedBars byChannel = StackedBars.of("intake-by-channel", messages.apply("dashboard.chart.channel"),
                channels.stream().map(Enum::name).toList(),
                channels.stream().map(channel -> messages.apply("enum.Channel." + channel.name())).toList(),
                weekLabels, weeks.stream().map(week -> channels.stream().map(channel -> daysByWeek.get(week).stream()
                        .mapToLong(day -> day.byChannel().getOrDefault(channel, 0L)).sum()).toList()).toList(),
                null, "");
        List<Category> categories = List.of(Category.values());
        StackedBars byCategory = StackedBars.of("intake-by-category", messages.apply("dashboard.chart.category"),
                categories.stream().map(Enum::name).toList(),
                categories.stream().map(category -> messages.apply("enum.Category." + category.name())).toList(),
                weekLabels, weeks.stream().map(week -> categories.stream().map(category -> daysByWeek.get(week)
                        .stream().mapToLong(day -> day.byCategory().getOrDefault(category, 0L)).sum()).toList())
                        .toList(), null, "");
        StackedBars minors = StackedBars.of("minor-share", messages.apply("dashboard.chart.minors"),
                List.of("MINORS"), List.of(messages.apply("dashboard.minors")), weekLabels,
                weeks.stream().map(week -> {
                    long total = daysByWeek.get(week).stream().mapToLong(DailyIntakeView::total).sum();
                    long minorCount = daysByWeek.get(week).stream().mapToLong(DailyIntakeView::minors).sum();
                    return List.of(total == 0 ? 0L : Math.round(100.0 * minorCount / total));
                }).toList(), 100L, " %");

        List<PartnerKpiView> kpis = view.partners().stream()
                .sorted(Comparator.comparing(kpi -> partnerNames.getOrDefault(kpi.partnerId(), kpi.partnerId())))
                .toList();
        List<String> months = new ArrayList<>(new TreeSet<>(kpis.stream()
                .flatMap(kpi -> kpi.breachesPerMonth().stream().map(MonthlyCountView::month)).toList()));
        List<PartnerKpiView> breaching = kpis.stream().filter(kpi -> kpi.slaBreaches() > 0).toList();
        StackedBars breaches = StackedBars.of("breaches-per-partner", messages.apply("dashboard.chart.breaches"),
                months, months, breaching.stream()
                        .map(kpi -> partnerNames.getOrDefault(kpi.partnerId(), kpi.partnerId())).toList(),
                breaching.stream().map(kpi -> months.stream().map(month -> kpi.breachesPerMonth().stream()
                        .filter(row -> row.month().equals(month)).mapToLong(MonthlyCountView::count).sum()).toList())
                        .toList(), null, "");

        long maxOpen = view.openCases().stream().mapToLong(OpenCasesView::count).max().orElse(0);
        List<Open> open = view.openCases().stream().filter(row -> row.count() > 0)
                .sorted(Comparator.comparing(OpenCasesView::status)
                        .thenComparing(row -> row.riskLevel() == null ? -1 : row.riskLevel().ordinal()))
                .map(row -> new Open(row.status().name(), row.riskLevel() == null ? "NONE" : row.riskLevel().name(),
                        row.count(), percent(row.count(), maxOpen)))
                .toList();

        double maxMedian = kpis.stream().map(PartnerKpiView::timeToAcknowledge)
                .filter(stats -> stats != null && stats.medianSeconds() != null)
                .mapToDouble(DurationStatsView::medianSeconds).max().orElse(0);
        long maxBreaches = kpis.stream().mapToLong(PartnerKpiView::slaBreaches).max().orElse(0);
        List<PartnerRow> partners = kpis.stream().map(kpi -> {
            DurationStatsView ack = kpi.timeToAcknowledge();
            DurationStatsView openAck = kpi.openTimeToAcknowledge();
            Double median = ack == null ? null : ack.medianSeconds();
            return new PartnerRow(kpi.partnerId(), partnerNames.getOrDefault(kpi.partnerId(), kpi.partnerId()),
                    ack == null ? 0 : ack.count(), duration(median), duration(ack == null ? null : ack.p90Seconds()),
                    median == null || maxMedian <= 0 ? 0 : Math.max(1, Math.round(100 * median / maxMedian)),
                    duration(openAck == null ? null : openAck.medianSeconds()),
                    duration(openAck == null ? null : openAck.p90Seconds()),
                    kpi.slaBreaches(), percent(kpi.slaBreaches(), maxBreaches));
        }).toList();

        Map<ClosureOutcome, Long> closuresByOutcome = view.closuresByOutcome() == null ? Map.of()
                : view.closuresByOutcome();
        long maxClosure = closuresByOutcome.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<Bar<ClosureOutcome>> closures = closuresByOutcome.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> new Bar<>(entry.getKey(), entry.getValue(), percent(entry.getValue(), maxClosure)))
                .toList();
        return new DashboardCharts(view.from().toString(), view.to().toString(), live, byChannel, byCategory, minors,
                breaches, open, partners, view.cases(), view.minors(), Math.round(100 * view.minorShare()), closures,
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
