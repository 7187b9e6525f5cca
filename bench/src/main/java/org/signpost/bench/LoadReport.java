package org.signpost.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code ./scripts/bench load} ends with, from its results file: the chart ({@link LoadChart},
 * unless nothing was measured) and, on standard output, the line against the goals
 * ({@link LoadSummary}).
 *
 * <pre>java -cp ... org.signpost.bench.LoadReport results/bench/load.txt results/bench/load.svg "LOAD AVERAGE"</pre>
 */
public final class LoadReport {

    private LoadReport() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: LoadReport RESULTS SVG LOAD-AVERAGE-BEFORE   (RESULTS: results/bench/load.txt)");
            System.exit(2);
        }
        try {
            List<LoadResult> results = LoadResult.read(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8));
            if (results.isEmpty()) {
                System.err.println("LoadReport: " + args[0] + " has no result lines, so no chart: did the load benchmark run?");
            } else {
                Files.writeString(Path.of(args[1]), LoadChart.svg(results), StandardCharsets.UTF_8);
            }
            System.out.println(LoadSummary.line(results, args[2]));
        } catch (IOException e) {
            System.err.println("LoadReport: " + e);
            System.exit(1);
        }
    }
}
