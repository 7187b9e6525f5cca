package org.signpost.nlu.evaluation;

import java.util.List;
import java.util.Locale;

/** Evaluation charts as self-contained SVG, readable in any browser. */
final class Charts {

    private static final int CELL = 18;
    private static final int LABEL_WIDTH = 190;

    private Charts() {
    }

    /** Rows are the gold intents, columns the predictions; darker cells hold more examples. */
    static String confusionMatrix(IntentReport report) {
        List<String> labels = report.labels();
        int n = labels.size();
        int max = 1;
        for (String gold : labels) {
            for (String predicted : labels) {
                max = Math.max(max, report.confusion(gold, predicted));
            }
        }
        int width = LABEL_WIDTH + n * CELL + 140;
        int height = LABEL_WIDTH + n * CELL + 40;
        StringBuilder svg = header(width, height, "Intent confusion matrix: accuracy "
                + ReportWriter.percent(report.accuracy()) + "%");
        svg.append(text(10, 20, "Intent confusion matrix (rows: gold, columns: predicted), accuracy "
                + ReportWriter.percent(report.accuracy()) + "%", 13, "start", ""));
        for (int i = 0; i < n; i++) {
            int y = LABEL_WIDTH + i * CELL;
            svg.append(text(LABEL_WIDTH - 6, y + CELL - 5, labels.get(i), 11, "end", ""));
            int x = LABEL_WIDTH + i * CELL + CELL - 5;
            svg.append(text(x, LABEL_WIDTH - 6, labels.get(i), 11, "start",
                    " transform=\"rotate(-60 " + x + " " + (LABEL_WIDTH - 6) + ")\""));
        }
        for (int row = 0; row < n; row++) {
            for (int column = 0; column < n; column++) {
                int count = report.confusion(labels.get(row), labels.get(column));
                if (count == 0) {
                    continue;
                }
                double share = Math.sqrt((double) count / max);
                String colour = row == column ? blue(share) : red(share);
                int x = LABEL_WIDTH + column * CELL;
                int y = LABEL_WIDTH + row * CELL;
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s as %s: %d</title></rect>%n",
                        x, y, CELL, CELL, colour, escape(labels.get(row)), escape(labels.get(column)), count));
                if (n <= 40) {
                    svg.append(text(x + CELL / 2, y + CELL - 5, String.valueOf(count), 9, "middle",
                            share > 0.6 ? " fill=\"white\"" : ""));
                }
            }
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#aaa\"/>%n",
                LABEL_WIDTH, LABEL_WIDTH, n * CELL, n * CELL));
        return svg.append("</svg>\n").toString();
    }

    /** How confident the model was, for correct (blue) and wrong (red) predictions. */
    static String confidenceHistogram(IntentReport report) {
        int bins = 10;
        int[] correct = new int[bins];
        int[] wrong = new int[bins];
        for (IntentPrediction prediction : report.predictions()) {
            int bin = Math.min(bins - 1, (int) (prediction.confidence() * bins));
            if (prediction.correct()) {
                correct[bin]++;
            } else {
                wrong[bin]++;
            }
        }
        int max = 1;
        for (int i = 0; i < bins; i++) {
            max = Math.max(max, Math.max(correct[i], wrong[i]));
        }
        int width = 560;
        int height = 320;
        int chartHeight = 220;
        int barWidth = 20;
        StringBuilder svg = header(width, height, "Intent prediction confidence");
        svg.append(text(10, 20, "Prediction confidence: correct (blue) and wrong (red)", 13, "start", ""));
        for (int i = 0; i < bins; i++) {
            int x = 50 + i * 48;
            int correctHeight = chartHeight * correct[i] / max;
            int wrongHeight = chartHeight * wrong[i] / max;
            svg.append(bar(x, 260 - correctHeight, barWidth, correctHeight, "#005eb8", correct[i] + " correct"));
            svg.append(bar(x + barWidth, 260 - wrongHeight, barWidth, wrongHeight, "#d5281b", wrong[i] + " wrong"));
            svg.append(text(x + barWidth, 278, String.format(Locale.ROOT, "%.1f", i / 10.0), 11, "middle", ""));
        }
        svg.append(text(width / 2, 305, "confidence", 12, "middle", ""));
        svg.append("<line x1=\"45\" y1=\"260\" x2=\"540\" y2=\"260\" stroke=\"#333\"/>\n");
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder header(int width, int height, String title) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"Arial, sans-serif\">%n<title>%s</title>%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                width, height, width, height, escape(title)));
    }

    private static String bar(int x, int y, int width, int height, String colour, String title) {
        return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>%n",
                x, y, width, height, colour, escape(title));
    }

    private static String text(int x, int y, String content, int size, String anchor, String extra) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"%s\"%s>%s</text>%n",
                x, y, size, anchor, extra, escape(content));
    }

    private static String blue(double share) {
        return shade(share, 0, 94, 184);
    }

    private static String red(double share) {
        return shade(share, 213, 40, 27);
    }

    private static String shade(double share, int r, int g, int b) {
        double mix = 0.15 + 0.85 * share;
        return String.format(Locale.ROOT, "rgb(%d,%d,%d)", (int) (255 - mix * (255 - r)), (int) (255 - mix * (255 - g)),
                (int) (255 - mix * (255 - b)));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
