package org.signpost.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rate of one set-up as {@code ./scripts/bench load} writes it to {@code results/bench/load.txt}:
 * a {@link LoadGenerator} line after {@code load <set-up>: }. The one reader of that format, for the
 * summary against the goals ({@link LoadSummary}) and the chart ({@link LoadChart}). A figure the
 * line does not give, or gives as {@code NaN} (a rate that answered nothing), is NaN here.
 *
 * @param errors messages that failed or were never answered
 * @param rssPeak the server's peak resident memory in MiB
 */
record LoadResult(String setUp, int offered, double achieved, double p50, double p99, double p999, double errors,
        double rssPeak) {

    private static final Pattern RESULT = Pattern.compile("^load (.+?): rate=(\\d+) ");
    /** A figure such as {@code achieved=2000/s} or {@code p99=3.62ms}: its name and number ({@code NaN} too). */
    private static final Pattern FIELD = Pattern.compile("(?<=^| )([a-z0-9-]+)=([0-9.]+|NaN)");

    /** The result lines among {@code lines}, in order; anything else (progress, the summary) is skipped. */
    static List<LoadResult> read(List<String> lines) {
        List<LoadResult> results = new ArrayList<>();
        for (String line : lines) {
            Matcher result = RESULT.matcher(line);
            if (result.find()) {
                Map<String, Double> fields = new HashMap<>();
                for (Matcher field = FIELD.matcher(line); field.find(); ) {
                    fields.put(field.group(1), Double.parseDouble(field.group(2)));
                }
                results.add(new LoadResult(result.group(1), Integer.parseInt(result.group(2)), figure(fields, "achieved"),
                        figure(fields, "p50"), figure(fields, "p99"), figure(fields, "p999"), figure(fields, "errors"),
                        figure(fields, "rss-peak")));
            }
        }
        return results;
    }

    /** Whether this is the embedded default's line rather than Redis's. */
    boolean embedded() {
        return setUp.startsWith("embedded");
    }

    private static double figure(Map<String, Double> fields, String name) {
        return fields.getOrDefault(name, Double.NaN);
    }
}
