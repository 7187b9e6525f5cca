package org.signpost.bench;

import java.util.List;
import java.util.Locale;

/**
 * The load benchmark's last line, against the storage issue's goals: the best rate each set-up
 * answered (20,000/s embedded, 5,000/s with Redis), the p99 of both at 2,000/s (10 ms), errors
 * over every rate (none) and the server's peak memory (512 MiB). A goal whose measurement is
 * missing (a set-up that did not run, a rate not offered) reads "NOT met": nothing is claimed that
 * was not measured.
 */
final class LoadSummary {

    /** The storage issue's goals, which the chart draws too. */
    static final int EMBEDDED_GOAL = 20_000;
    static final int REDIS_GOAL = 5_000;
    static final int LATENCY_GOAL_RATE = 2_000;
    static final int P99_GOAL_MS = 10;
    static final int RSS_GOAL_MIB = 512;

    private LoadSummary() {
    }

    /** The summary of {@code results}, with the load average measured before the run. */
    static String line(List<LoadResult> results, String loadBefore) {
        Best embedded = best(results, true);
        Best redis = best(results, false);
        double errors = results.stream().mapToDouble(LoadResult::errors).filter(count -> !Double.isNaN(count)).sum();
        double peak = results.stream().mapToDouble(LoadResult::rssPeak).filter(mib -> !Double.isNaN(mib)).max().orElse(0);
        boolean p99Met = withinLatencyGoal(embedded.p99AtGoalRate()) && withinLatencyGoal(redis.p99AtGoalRate());
        return String.format(Locale.ROOT, "load summary: embedded %.0f/s at %d/s offered (goal %,d/s: %s), Redis %.0f/s at"
                + " %d/s offered (goal %,d/s: %s), p99 at %,d/s %.2f ms embedded and %.2f ms Redis (goal %d ms: %s), %.0f"
                + " errors (goal 0: %s), server peak RSS %.0f MiB (goal %d MiB: %s); load average before %s",
                embedded.achieved(), embedded.offered(), EMBEDDED_GOAL, verdict(embedded.achieved() >= EMBEDDED_GOAL),
                redis.achieved(), redis.offered(), REDIS_GOAL, verdict(redis.achieved() >= REDIS_GOAL), LATENCY_GOAL_RATE,
                shown(embedded.p99AtGoalRate()), shown(redis.p99AtGoalRate()), P99_GOAL_MS, verdict(p99Met), errors,
                verdict(!results.isEmpty() && errors == 0), peak, RSS_GOAL_MIB, verdict(peak > 0 && peak <= RSS_GOAL_MIB),
                loadBefore);
    }

    /**
     * A set-up's best rate answered and where it was offered, and its p99 at {@link #LATENCY_GOAL_RATE}
     * (NaN if not measured).
     */
    private record Best(double achieved, int offered, double p99AtGoalRate) {
    }

    private static Best best(List<LoadResult> results, boolean embedded) {
        Best best = new Best(0, 0, Double.NaN);
        for (LoadResult result : results) {
            if (result.embedded() != embedded) {
                continue;
            }
            double p99 = result.offered() == LATENCY_GOAL_RATE ? result.p99() : best.p99AtGoalRate();
            best = result.achieved() > best.achieved() ? new Best(result.achieved(), result.offered(), p99)
                    : new Best(best.achieved(), best.offered(), p99);
        }
        return best;
    }

    private static boolean withinLatencyGoal(double p99) {
        return p99 >= 0 && p99 <= P99_GOAL_MS;
    }

    /** A p99 never measured reads -1: no one could take it for a latency. */
    private static double shown(double p99) {
        return Double.isNaN(p99) ? -1 : p99;
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }
}
