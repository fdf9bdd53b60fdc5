package org.relais.app.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.relais.app.export.TrustedFlaggerReport;

/**
 * The trusted-flagger report shaped for bar charts drawn as SVG on the server: each bar is split by outcome, carries
 * its figure as text beside it, and each chart has a title, a description and a table of the same figures next to it,
 * so nothing is told by colour or length alone and no script is needed.
 */
record FlaggerReportCharts(Chart byHostingService, Chart byCategory, Chart byOutcome, Chart timeToAction,
                           Chart refusedByHostingService, Chart unanswered) {

    /** The widest bar, in SVG user units; labels sit to its left, figures to its right. */
    static final int BAR_WIDTH = 360;
    static final int ROW_HEIGHT = 28;

    record Segment(String key, long value, int x, int width) {
    }

    record Row(String label, long total, String figure, int y, int width, List<Segment> segments) {
    }

    record Chart(List<Row> rows, int height) {

        public boolean isEmpty() {
            return rows.isEmpty();
        }
    }

    static FlaggerReportCharts of(TrustedFlaggerReport report) {
        Map<String, Map<String, Integer>> refusedByService = new LinkedHashMap<>();
        report.refused().forEach(r -> refusedByService.computeIfAbsent(r.hostingService(), k -> new LinkedHashMap<>())
                .merge("REFUSED", 1, Integer::sum));
        Map<String, Map<String, Integer>> services = new LinkedHashMap<>();
        report.byHostingService().forEach(b -> services.put(b.name(), b.byOutcome()));
        Map<String, Map<String, Integer>> categories = new LinkedHashMap<>();
        report.byCategory().forEach(b -> categories.put(b.name(), b.byOutcome()));
        Map<String, Map<String, Integer>> outcomes = new LinkedHashMap<>();
        report.byOutcome().forEach((outcome, n) -> outcomes.put(outcome, Map.of(outcome, n)));
        Map<String, Map<String, Integer>> unanswered = new LinkedHashMap<>();
        report.unansweredByTransferState().forEach((state, n) -> unanswered.put(state.name(),
                Map.of(TrustedFlaggerReport.NO_ANSWER, n)));
        return new FlaggerReportCharts(chart(services), chart(categories), chart(outcomes), times(report),
                chart(refusedByService), chart(unanswered));
    }

    private static Chart chart(Map<String, Map<String, Integer>> items) {
        long max = items.values().stream().mapToLong(FlaggerReportCharts::sum).max().orElse(0);
        List<Row> rows = new ArrayList<>();
        int y = 0;
        for (Map.Entry<String, Map<String, Integer>> item : items.entrySet()) {
            long total = sum(item.getValue());
            List<Segment> segments = new ArrayList<>();
            int x = 0;
            for (Map.Entry<String, Integer> part : item.getValue().entrySet()) {
                int width = scale(part.getValue(), max);
                if (width > 0) {
                    segments.add(new Segment(part.getKey(), part.getValue(), x, width));
                }
                x += width;
            }
            rows.add(new Row(item.getKey(), total, Long.toString(total), y, x, segments));
            y += ROW_HEIGHT;
        }
        return new Chart(rows, Math.max(y, ROW_HEIGHT));
    }

    /** Median and 90th percentile, in minutes for the bars and written in hours and minutes beside them. */
    private static Chart times(TrustedFlaggerReport report) {
        Duration median = report.timeToAction().median();
        Duration p90 = report.timeToAction().p90();
        if (median == null) {
            return new Chart(List.of(), ROW_HEIGHT);
        }
        long max = Math.max(1, p90.toMinutes());
        return new Chart(List.of(
                new Row("median", median.toMinutes(), DashboardCharts.duration((double) median.toSeconds()), 0, scale(median.toMinutes(), max),
                        List.of(new Segment("median", median.toMinutes(), 0, scale(median.toMinutes(), max)))),
                new Row("p90", p90.toMinutes(), DashboardCharts.duration((double) p90.toSeconds()), ROW_HEIGHT, scale(p90.toMinutes(), max),
                        List.of(new Segment("p90", p90.toMinutes(), 0, scale(p90.toMinutes(), max))))),
                2 * ROW_HEIGHT);
    }

    private static long sum(Map<String, Integer> counts) {
        return counts.values().stream().mapToLong(Integer::longValue).sum();
    }

    private static int scale(long value, long max) {
        return max == 0 ? 0 : (int) Math.round(value * (double) BAR_WIDTH / max);
    }
}
