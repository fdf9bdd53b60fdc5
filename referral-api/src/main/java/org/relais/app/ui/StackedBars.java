package org.relais.app.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * A stacked column chart laid out for an inline SVG drawn by the server: every rectangle's position computed here,
 * in the viewBox's units, so the template only copies numbers and no script draws anything. Each column's segments
 * are its series' counts, bottom up in series order; the same figures go to the chart's table, its text alternative.
 *
 * @param id          the element id of the chart (its table's is {@code id + "-table"})
 * @param title       the chart's title, also its accessible name
 * @param series      the series, in stacking and legend order, with their colours
 * @param columns     the columns, left to right
 * @param max         the value of the top of the plot (the largest column, or a fixed scale such as 100 %)
 * @param unit        written after the values in the table ("" or " %")
 */
record StackedBars(String id, String title, List<Series> series, List<Column> columns, long max, String unit) {

    static final int WIDTH = 640;
    static final int HEIGHT = 220;
    static final int LEFT = 40;
    static final int BOTTOM = 30;
    static final int TOP = 10;
    private static final String[] PALETTE = {"#1b6ca8", "#e69f00", "#2f6f5e", "#cc79a7", "#56b4e9", "#d55e00",
            "#7a5195", "#999933", "#0b3954", "#a23b72", "#6b6b6b"};

    record Series(String key, String label, String colour) {
    }

    record Segment(String series, long value, double y, double height, String colour, String tooltip) {
    }

    record Column(String label, double x, double width, double labelX, long total, List<Segment> segments,
                  List<Long> values) {
    }

    /** {@code values.get(c).get(s)} is column c's count for series s; series with no count at all are left out. */
    static StackedBars of(String id, String title, List<String> keys, List<String> labels, List<String> columnLabels,
                          List<List<Long>> values, Long fixedMax, String unit) {
        List<Integer> kept = new ArrayList<>();
        for (int s = 0; s < keys.size(); s++) {
            final int series = s;
            if (values.stream().anyMatch(column -> column.get(series) > 0)) {
                kept.add(s);
            }
        }
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            series.add(new Series(keys.get(kept.get(i)), labels.get(kept.get(i)), PALETTE[i % PALETTE.length]));
        }
        long largest = values.stream().mapToLong(column -> column.stream().mapToLong(Long::longValue).sum()).max()
                .orElse(0);
        long max = fixedMax != null ? fixedMax : Math.max(1, largest);
        double plotWidth = WIDTH - LEFT - 10;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = columnLabels.isEmpty() ? plotWidth : plotWidth / columnLabels.size();
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < columnLabels.size(); c++) {
            double x = LEFT + c * slot + slot * 0.15;
            double base = TOP + plotHeight;
            List<Segment> segments = new ArrayList<>();
            List<Long> kept0 = new ArrayList<>();
            long total = 0;
            for (int i = 0; i < kept.size(); i++) {
                long value = values.get(c).get(kept.get(i));
                kept0.add(value);
                total += value;
                if (value > 0) {
                    double height = plotHeight * value / max;
                    base -= height;
                    segments.add(new Segment(series.get(i).label(), value, round(base), round(height),
                            series.get(i).colour(), columnLabels.get(c) + " – " + series.get(i).label() + " : "
                            + value + unit));
                }
            }
            columns.add(new Column(columnLabels.get(c), round(x), round(slot * 0.7), round(x + slot * 0.35), total,
                    segments, kept0));
        }
        return new StackedBars(id, title, series, columns, max, unit);
    }

    public boolean empty() {
        return series.isEmpty();
    }

    public String viewBox() {
        return "0 0 " + WIDTH + " " + HEIGHT;
    }

    public int left() {
        return LEFT;
    }

    public int right() {
        return WIDTH - 10;
    }

    public int scaleY() {
        return TOP + 10;
    }

    public double baseline() {
        return HEIGHT - BOTTOM;
    }

    public double labelY() {
        return HEIGHT - BOTTOM + 16;
    }

    /** Columns are labelled one in every few so that labels do not overlap. (Public: templates call it.) */
    public boolean labelled(Column column) {
        int every = Math.max(1, (int) Math.ceil(columns.size() / 10.0));
        return columns.indexOf(column) % every == 0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
