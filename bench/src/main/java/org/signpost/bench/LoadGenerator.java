package org.signpost.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An open-loop load generator for the REST channel: messages are sent at a constant arrival rate
 * whatever the server's speed, and each latency is measured from when the message was due (so a
 * slow server cannot hide its queueing: no coordinated omission). Messages rotate over
 * {@code conversations} distinct senders and a few realistic texts, over at most 128 connections
 * (past the server's ceiling, messages wait for a connection here, and that wait is counted), sent
 * by {@link OpenLoopHttp} on one thread. A
 * 503 {@code busy} (the server's limit of turns under way, which 128 connections cannot reach with
 * its default) is counted as refused, not as an error; latency and the achieved rate count
 * answered messages only.
 *
 * <p>Usage: {@code LoadGenerator URL RATE[,RATE...] SECONDS CONVERSATIONS [--warmup SECONDS]
 * [--settle RATE:SECONDS] [--server-pid PID] [--clock-ticks N]}. The rates run one after the
 * other in this one process, each once every reply of the one before is in, and each prints one
 * line: {@code rate=... sent=... ok=... refused=... errors=... achieved=.../s p50=...ms p99=...ms
 * p999=...ms}, its own processor time per message sent, and with {@code --server-pid} the server's
 * resident memory at the end and at its peak so far, and its processor time (user and system, from
 * {@code /proc}) per message sent, warm-up included.
 * With a warm-up, messages are sent at the rate for that long first and counted for errors, but
 * not for latency or the achieved rate. {@code --settle} first sends at a rate for a while,
 * reported on standard error only: the JIT compilers of both processes settle before anything is
 * measured. One process for every rate, not one each: each new process spent seconds of processor
 * time compiling itself on the machine the server was measured on.
 */
public final class LoadGenerator {

    private static final String[] MESSAGES = {"hello", "I need help with falls", "we live in Sedgley", "thanks",
        "is there a carers group in Stourbridge", "what can you do", "bye"};

    /**
     * More connections measured worse, not better: 1,024 at 2,000/s put both JVMs' JIT compilers
     * and the connection handling on the same two cores as the server (a throwaway run).
     */
    private static final int MAX_CONNECTIONS = 128;
    private static final String USAGE = "usage: LoadGenerator URL RATE[,RATE...] SECONDS CONVERSATIONS [--warmup SECONDS]"
            + " [--settle RATE:SECONDS] [--server-pid PID] [--clock-ticks N]";

    /** What the command line asks for. */
    private record Plan(URI uri, List<Integer> rates, int seconds, int conversations, int warmup, Optional<int[]> settle,
            Optional<Long> serverPid, int clockTicks) {

        static Plan parse(String[] args) {
            if (args.length < 4) {
                throw new IllegalArgumentException(USAGE);
            }
            List<Integer> rates = Arrays.stream(args[1].split(",")).map(Integer::parseInt).toList();
            int warmup = 0;
            Optional<int[]> settle = Optional.empty();
            Optional<Long> pid = Optional.empty();
            int ticks = 100;
            for (int i = 4; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(USAGE);
                }
                switch (args[i]) {
                    case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                    case "--settle" -> settle = Optional.of(Arrays.stream(args[i + 1].split(":")).mapToInt(Integer::parseInt).toArray());
                    case "--server-pid" -> pid = Optional.of(Long.parseLong(args[i + 1]));
                    case "--clock-ticks" -> ticks = Integer.parseInt(args[i + 1]);
                    default -> throw new IllegalArgumentException(USAGE);
                }
            }
            if (rates.stream().anyMatch(rate -> rate < 1) || settle.filter(s -> s.length != 2).isPresent()) {
                throw new IllegalArgumentException(USAGE);
            }
            return new Plan(URI.create(args[0]), rates, Integer.parseInt(args[2]), Integer.parseInt(args[3]), warmup, settle,
                    pid, ticks);
        }
    }

    /** One rate's figures. */
    private record Result(int rate, long sent, int ok, int refused, int errors, double achieved, long[] sortedLatencies,
            boolean finished) {

        String line() {
            return String.format(Locale.ROOT,
                    "rate=%d sent=%d ok=%d refused=%d errors=%d achieved=%.0f/s p50=%.2fms p99=%.2fms p999=%.2fms%s",
                    rate, sent, ok, refused, errors, achieved, percentile(0.50), percentile(0.99), percentile(0.999),
                    finished ? "" : " (timed out waiting for replies)");
        }

        private double percentile(double share) {
            if (sortedLatencies.length == 0) {
                return Double.NaN;
            }
            return sortedLatencies[Math.min(sortedLatencies.length - 1, (int) Math.ceil(share * sortedLatencies.length) - 1)] / 1e6;
        }
    }

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Plan plan;
        try {
            plan = Plan.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage().startsWith("usage") ? e.getMessage() : USAGE + " (" + e.getMessage() + ")");
            System.exit(2);
            return;
        }
        boolean clean = true;
        try (OpenLoopHttp http = new OpenLoopHttp(new InetSocketAddress(plan.uri().getHost(), plan.uri().getPort()),
                "/webhooks/rest/webhook", MAX_CONNECTIONS)) {
            if (plan.settle().isPresent()) {
                int[] settle = plan.settle().get();
                System.err.printf(Locale.ROOT, "settling: %d/s for %d s, not reported%n", settle[0], settle[1]);
                Result settled = run(http, plan, settle[0], settle[1], 0);
                System.err.println("settled: " + settled.line());
            }
            long self = ProcessHandle.current().pid();
            for (int rate : plan.rates()) {
                System.err.printf(Locale.ROOT, "%d/s for %d s after %d s of warm-up...%n", rate, plan.seconds(), plan.warmup());
                long cpuBefore = plan.serverPid().map(LoadGenerator::cpuTicks).orElse(0L);
                long ownBefore = cpuTicks(self);
                Result result = run(http, plan, rate, plan.seconds(), plan.warmup());
                String figures = String.format(Locale.ROOT, " generator-cpu=%.0fus/msg",
                        (cpuTicks(self) - ownBefore) * 1e6 / plan.clockTicks() / result.sent());
                if (plan.serverPid().isPresent()) {
                    long pid = plan.serverPid().get();
                    double micros = (cpuTicks(pid) - cpuBefore) * 1e6 / plan.clockTicks() / result.sent();
                    figures += String.format(Locale.ROOT, "%s server-cpu=%.0fus/msg", memory(pid), micros);
                }
                System.out.println(result.line() + figures);
                clean &= result.errors() == 0 && result.finished();
            }
        }
        System.exit(clean ? 0 : 1);
    }

    /** Sends at {@code rate} for {@code warmup} then {@code seconds}, and waits for every reply (a minute at most). */
    private static Result run(OpenLoopHttp http, Plan plan, int rate, int seconds, int warmup) throws IOException {
        int unmeasured = rate * warmup;
        int total = unmeasured + rate * seconds;
        int conversations = plan.conversations();
        OpenLoopHttp.Outcome outcome = http.run(rate, total, unmeasured, index -> new JsonObject()
                .put("sender", "load-" + (index % conversations))
                .put("message", MESSAGES[(int) ((index / conversations) % MESSAGES.length)]).encode(), TimeUnit.SECONDS.toNanos(60));
        long[] sorted = outcome.latencies();
        Arrays.sort(sorted);
        outcome.causes().forEach((cause, times) -> System.err.printf(Locale.ROOT, "  %d failed at %d/s: %s%n", times, rate, cause));
        return new Result(rate, outcome.sent(), outcome.ok(), outcome.refused(), outcome.errors(),
                sorted.length / (outcome.measuredNanos() / 1e9), sorted, outcome.finished());
    }

    /** The process's user and system processor time so far, in clock ticks ({@code /proc/PID/stat}). */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name, in parentheses, may hold spaces: count fields after its closing one.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the processor time of process " + pid + " from /proc: " + e.getMessage(), e);
        }
    }

    /**
     * The process's resident memory now ({@code VmRSS}) and the most it has been resident since it
     * started ({@code VmHWM}, the figure a memory limit has to hold), from one read of
     * {@code /proc/PID/status}, as {@code  rss=NNN MiB rss-peak=NNN MiB}; {@code ?} for a figure
     * it does not give.
     */
    private static String memory(long pid) {
        String rss = "?";
        String peak = "?";
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = mebibytes(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = mebibytes(line);
                }
            }
        } catch (IOException e) {
            // Both stay unknown: the process has gone.
        }
        return " rss=" + rss + " rss-peak=" + peak;
    }

    /** A {@code /proc} status line's kilobytes, as {@code NNN MiB}. */
    private static String mebibytes(String line) {
        return Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0) + " MiB";
    }
}
