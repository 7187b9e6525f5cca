package org.signpost.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The load benchmark's results as one SVG chart, for people who would rather look than read a
 * table: for each set-up, the rate answered and the p50, p99 and p99.9 latency at each rate
 * offered, on logarithmic axes, with the storage issue's goals drawn in ({@link LoadReport}
 * writes it).
 */
final class LoadChart {

    /** One a set-up, in the benchmark's order: the embedded default blue, Redis orange, as their goal lines. */
    private static final String[] COLOURS = {"#005eb8", "#ed8b00", "#007f3b", "#7c2855"};
    private static final double[] LATENCY_TICKS = {0.1, 1, 10, 100, 1_000, 10_000};
    private static final int PLOT = 380;
    private static final int TOP = 60;
    private static final int LEFT = 70;
    private static final int GAP = 110;

    /** A logarithmic axis from {@code min} to {@code max}, drawn from pixel {@code from} to {@code to}. */
    private record LogAxis(double min, double max, double from, double to) {
        double at(double value) {
            double clamped = Math.max(min, Math.min(max, value));
            return from + (to - from) * Math.log(clamped / min) / Math.log(max / min);
        }
    }

    private LoadChart() {
    }

    /** The chart of {@code points}: at least one. */
    static String svg(List<LoadResult> points) {
        Map<String, List<LoadResult>> bySetUp = new LinkedHashMap<>();
        points.forEach(point -> bySetUp.computeIfAbsent(point.setUp(), setUp -> new ArrayList<>()).add(point));
        TreeSet<Integer> offered = new TreeSet<>();
        points.forEach(point -> offered.add(point.offered()));
        double lowest = offered.first() / 1.6;
        double highest = offered.last() * 1.6;
        double rightPanel = LEFT + PLOT + GAP;
        LogAxis ratesLeft = new LogAxis(lowest, highest, LEFT, LEFT + PLOT);
        LogAxis ratesRight = new LogAxis(lowest, highest, rightPanel, rightPanel + PLOT);
        LogAxis answered = new LogAxis(lowest, highest, TOP + PLOT, TOP);
        LogAxis latency = new LogAxis(LATENCY_TICKS[0], LATENCY_TICKS[LATENCY_TICKS.length - 1], TOP + PLOT, TOP);
        int width = (int) rightPanel + PLOT + 30;
        int height = TOP + PLOT + 90 + 18 * bySetUp.size();

        Svg svg = new Svg(width, height, "Load benchmark: messages answered and latency by rate offered");
        svg.text(LEFT, 24, 15, "start", "Load benchmark (./scripts/bench load): open-loop REST messages over 10,000 conversations");

        svg.text(LEFT, TOP - 12, 13, "start", "Messages answered a second (goals dashed)");
        frame(svg, ratesLeft, answered, offered);
        for (double tick : decades(lowest, highest)) {
            svg.line(LEFT - 4, answered.at(tick), LEFT + PLOT, answered.at(tick), "#eee", 1, "");
            svg.text(LEFT - 8, answered.at(tick) + 4, 11, "end", rate(tick));
        }
        // Answered equals offered: a set-up on this line keeps up.
        svg.line(ratesLeft.at(lowest), answered.at(lowest), ratesLeft.at(highest), answered.at(highest), "#999", 1, "2,4");
        goal(svg, ratesLeft, answered.at(LoadSummary.EMBEDDED_GOAL), "embedded goal " + rate(LoadSummary.EMBEDDED_GOAL) + "/s",
                COLOURS[0]);
        goal(svg, ratesLeft, answered.at(LoadSummary.REDIS_GOAL), "Redis goal " + rate(LoadSummary.REDIS_GOAL) + "/s", COLOURS[1]);

        svg.text(rightPanel, TOP - 12, 13, "start", "Latency, ms: p50 thin, p99 thick, p99.9 dotted");
        frame(svg, ratesRight, latency, offered);
        for (double tick : LATENCY_TICKS) {
            svg.line(rightPanel - 4, latency.at(tick), rightPanel + PLOT, latency.at(tick), "#eee", 1, "");
            svg.text(rightPanel - 8, latency.at(tick) + 4, 11, "end", tick < 1 ? "0.1" : rate(tick));
        }
        double goalRate = ratesRight.at(LoadSummary.LATENCY_GOAL_RATE);
        double goalLatency = latency.at(LoadSummary.P99_GOAL_MS);
        svg.line(goalRate - 30, goalLatency, goalRate + 30, goalLatency, "#d5281b", 2.5, "6,3");
        svg.text(rightPanel + PLOT, TOP + PLOT - 8, 11, "end", "red dashes: the goal, p99 <= " + LoadSummary.P99_GOAL_MS
                + " ms at " + rate(LoadSummary.LATENCY_GOAL_RATE) + "/s");

        int series = 0;
        for (Map.Entry<String, List<LoadResult>> setUp : bySetUp.entrySet()) {
            String colour = COLOURS[series % COLOURS.length];
            List<LoadResult> rates = setUp.getValue();
            svg.series(setUp.getKey() + " answered", colour, 2.5, "", rates.stream()
                    .filter(point -> !Double.isNaN(point.achieved()))
                    .map(point -> new double[] {ratesLeft.at(point.offered()), answered.at(point.achieved())})
                    .toList(), true);
            svg.series(setUp.getKey() + " p50", colour, 1, "", latencies(rates, LoadResult::p50, ratesRight, latency), false);
            svg.series(setUp.getKey() + " p99", colour, 3, "", latencies(rates, LoadResult::p99, ratesRight, latency), true);
            svg.series(setUp.getKey() + " p99.9", colour, 1.5, "2,3", latencies(rates, LoadResult::p999, ratesRight, latency), false);
            int y = TOP + PLOT + 86 + 18 * series;
            svg.line(LEFT, y - 4, LEFT + 24, y - 4, colour, 3, "");
            svg.text(LEFT + 32, y, 12, "start", setUp.getKey());
            series++;
        }
        return svg.end();
    }

    private static void frame(Svg svg, LogAxis x, LogAxis y, TreeSet<Integer> offered) {
        svg.line(x.from(), y.from(), x.to(), y.from(), "#333", 1, "");
        svg.line(x.from(), y.from(), x.from(), y.to(), "#333", 1, "");
        double labelled = Double.NEGATIVE_INFINITY;
        for (int rate : offered) {
            svg.line(x.at(rate), y.from(), x.at(rate), y.from() + 4, "#333", 1, "");
            // Rates close together (20,000 and 22,000) would print over each other: the first is labelled.
            if (x.at(rate) - labelled >= 16) {
                svg.text(x.at(rate) + 4, y.from() + 16, 11, "end", rate(rate), -45);
                labelled = x.at(rate);
            }
        }
        svg.text((x.from() + x.to()) / 2, y.from() + 62, 12, "middle", "messages offered a second");
    }

    private static void goal(Svg svg, LogAxis x, double y, String label, String colour) {
        svg.line(x.from(), y, x.to(), y, colour, 1.5, "6,3");
        svg.text(x.from() + 6, y - 5, 11, "start", label);
    }

    private static List<double[]> latencies(List<LoadResult> rates, ToDoubleFunction<LoadResult> percentile, LogAxis x,
            LogAxis y) {
        return rates.stream().filter(point -> !Double.isNaN(percentile.applyAsDouble(point)))
                .map(point -> new double[] {x.at(point.offered()), y.at(percentile.applyAsDouble(point))}).toList();
    }

    /** 100, 1,000, 10,000 ... within the range. */
    private static List<Double> decades(double min, double max) {
        List<Double> ticks = new ArrayList<>();
        for (double tick = Math.pow(10, Math.ceil(Math.log10(min))); tick <= max; tick *= 10) {
            ticks.add(tick);
        }
        return ticks;
    }

    private static String rate(double value) {
        return String.format(Locale.UK, "%,d", Math.round(value));
    }

    /** Just the SVG this chart draws, written as it goes. */
    private static final class Svg {
        private final StringBuilder out = new StringBuilder();

        Svg(int width, int height, String title) {
            out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                    + "viewBox=\"0 0 %d %d\" font-family=\"Arial, sans-serif\">%n<title>%s</title>%n"
                    + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", width, height, width, height, escape(title)));
        }

        void line(double x1, double y1, double x2, double y2, String colour, double width, String dashes) {
            out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-width=\"%.1f\"%s/>%n", x1, y1, x2, y2, colour, width, dashes(dashes)));
        }

        void text(double x, double y, int size, String anchor, String content) {
            text(x, y, size, anchor, content, 0);
        }

        void text(double x, double y, int size, String anchor, String content, int rotation) {
            String rotate = rotation == 0 ? "" : String.format(Locale.ROOT, " transform=\"rotate(%d %.1f %.1f)\"", rotation, x, y);
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\"%s>%s</text>%n",
                    x, y, size, anchor, rotate, escape(content)));
        }

        /** A named line through the points, with a dot at each if {@code dots}. */
        void series(String name, String colour, double width, String dashes, List<double[]> points, boolean dots) {
            if (points.isEmpty()) {
                return;
            }
            StringBuilder coordinates = new StringBuilder();
            for (double[] point : points) {
                coordinates.append(String.format(Locale.ROOT, "%.1f,%.1f ", point[0], point[1]));
            }
            out.append(String.format(Locale.ROOT, "<polyline data-series=\"%s\" points=\"%s\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"%.1f\"%s><title>%s</title></polyline>%n", escape(name), coordinates.toString().strip(),
                    colour, width, dashes(dashes), escape(name)));
            if (dots) {
                for (double[] point : points) {
                    out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", point[0],
                            point[1], colour));
                }
            }
        }

        String end() {
            return out.append("</svg>\n").toString();
        }

        private static String dashes(String dashes) {
            return dashes.isEmpty() ? "" : " stroke-dasharray=\"" + dashes + "\"";
        }

        private static String escape(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }
}
