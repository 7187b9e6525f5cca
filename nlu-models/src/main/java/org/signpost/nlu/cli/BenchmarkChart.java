package org.signpost.nlu.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A grouped bar chart (SVG) of Signpost against the published CLINC150 systems. */
final class BenchmarkChart {

    private BenchmarkChart() {
    }

    static String compare(Clinc150Benchmark.Result withClass, Map<String, double[]> publishedClass,
            Clinc150Benchmark.Result threshold, Map<String, double[]> publishedThreshold) {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("Signpost (oos class)", 100 * withClass.inScopeAccuracy(), 100 * withClass.outOfScopeRecall(), true));
        new TreeMap<>(publishedClass).forEach((name, v) -> rows.add(row(name + " (oos class)", v[0], v[1], false)));
        rows.add(row("Signpost (threshold)", 100 * threshold.inScopeAccuracy(), 100 * threshold.outOfScopeRecall(), true));
        new TreeMap<>(publishedThreshold).forEach((name, v) -> rows.add(row(name + " (threshold)", v[0], v[1], false)));
        int rowHeight = 34;
        int width = 720;
        int height = 70 + rows.size() * rowHeight + 30;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"Arial, sans-serif\">%n"
                        + "<title>CLINC150: in-scope accuracy and out-of-scope recall</title>%n"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                        + "<text x=\"10\" y=\"22\" font-size=\"14\">CLINC150 test set: in-scope accuracy (blue) and "
                        + "out-of-scope recall (orange), %%</text>%n", width, height));
        int left = 200;
        int scale = 5;
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            int y = 50 + i * rowHeight;
            boolean ours = row[3].equals("true");
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\"%s>%s</text>%n",
                    left - 8, y + 20, ours ? " font-weight=\"bold\"" : "", row[0]));
            double accuracy = Double.parseDouble(row[1]);
            double recall = Double.parseDouble(row[2]);
            svg.append(bar(left, y + 4, accuracy * scale, "#005eb8", accuracy));
            svg.append(bar(left, y + 17, recall * scale, "#ed8b00", recall));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String[] row(String name, double accuracy, double recall, boolean ours) {
        return new String[] {name, String.valueOf(accuracy), String.valueOf(recall), String.valueOf(ours)};
    }

    private static String bar(int x, int y, double length, String colour, double value) {
        return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"%s\"/>"
                + "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%.1f</text>%n", x, y, length, colour, x + length + 4, y + 10, value);
    }
}
