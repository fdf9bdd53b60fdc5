package org.relais.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Latency samples, load average and the result table. */
final class Figures {

    record Row(String section, String figure, String value, String baseline, String ratio, String goal,
               String verdict, String load) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(String section, String figure, String value, String baseline, String ratio, String goal, String verdict) {
        Row row = new Row(section, figure, value, baseline, ratio, goal, verdict, loadAverage());
        rows.add(row);
        Report.line(String.format("BENCHMARK %-10s %-58s %-22s %-30s %-8s %-14s %-5s load %s", section, figure, value,
                baseline, ratio, goal, verdict, row.load()));
    }

    void note(String text) {
        notes.add(text);
        Report.line("BENCHMARK note: " + text);
    }

    List<Row> rows() {
        return rows;
    }

    String markdownTable() {
        StringBuilder out = new StringBuilder();
        out.append("| area | figure | value | raw baseline (same run) | ratio | goal | met | load avg (1/5/15 min) |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(String.join(" | ", row.section(), row.figure(), row.value(), row.baseline(),
                    row.ratio(), row.goal(), row.verdict(), row.load())).append(" |\n");
        }
        return out.toString();
    }

    List<String> notes() {
        return notes;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    static String rate(double perSecond, String unit) {
        return String.format("%,.0f %s", perSecond, unit);
    }

    static String megabytes(long bytes) {
        return String.format("%,.1f MB", bytes / 1048576.0);
    }

    static String ratio(double value, double baseline) {
        return baseline <= 0 ? "n/a" : String.format("%.2f×", value / baseline);
    }

    static String verdict(boolean met) {
        return met ? "yes" : "**no**";
    }

}
