package org.signpost.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open-loop load generator for the REST channel: messages are sent at a constant arrival rate
 * whatever the server's speed, and each latency is measured from when the message was due (so a
 * slow server cannot hide its queueing: no coordinated omission). Messages rotate over
 * {@code conversations} distinct senders and a few realistic texts, over at most 128 connections
 * (past the server's ceiling, messages wait for a connection here, and that wait is counted). A
 * 503 {@code busy} (the server's limit of turns under way, which 128 connections cannot reach with
 * its default) is counted as refused, not as an error; latency and the achieved rate count
 * answered messages only.
 *
 * <p>Usage: {@code LoadGenerator URL RATE SECONDS CONVERSATIONS [--warmup SECONDS]}. Prints one line:
 * {@code rate=... sent=... ok=... refused=... errors=... achieved=.../s p50=...ms p99=...ms p999=...ms}. With
 * a warm-up, messages are sent at the same rate for that long first and counted for errors, but
 * not for latency or the achieved rate: the generator's own start (its connections, its JIT) is
 * not the server's latency.
 */
public final class LoadGenerator {

    private static final String[] MESSAGES = {"hello", "I need help with falls", "we live in Sedgley", "thanks",
        "is there a carers group in Stourbridge", "what can you do", "bye"};

    /**
     * More connections measured worse, not better: 1,024 at 2,000/s put both JVMs' JIT compilers
     * and the connection handling on the same two cores as the server (a throwaway run).
     */
    private static final int MAX_CONNECTIONS = 128;

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 && !(args.length == 6 && args[4].equals("--warmup"))) {
            System.err.println("usage: LoadGenerator URL RATE SECONDS CONVERSATIONS [--warmup SECONDS]");
            System.exit(2);
        }
        String url = args[0];
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int conversations = Integer.parseInt(args[3]);
        int warmup = args.length == 6 ? Integer.parseInt(args[5]) : 0;
        URI uri = URI.create(url);
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
        int unmeasured = rate * warmup;
        int total = unmeasured + rate * seconds;
        long[] latencies = new long[total - unmeasured];
        AtomicInteger recorded = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicLong sent = new AtomicLong();
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / rate;
        // A 1 ms tick sends every message that has come due, each stamped with its due time.
        vertx.setPeriodic(1, tick -> {
            long now = System.nanoTime();
            while (sent.get() < total && start + sent.get() * intervalNanos <= now) {
                long index = sent.getAndIncrement();
                long due = start + index * intervalNanos;
                String body = new JsonObject().put("sender", "load-" + (index % conversations))
                        .put("message", MESSAGES[(int) ((index / conversations) % MESSAGES.length)]).encode();
                client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost()).setPort(uri.getPort())
                        .setURI("/webhooks/rest/webhook").putHeader("Content-Type", "application/json"))
                        .compose(request -> request.send(Buffer.buffer(body)))
                        .compose(response -> response.body().map(ignored -> response.statusCode()))
                        .onComplete(result -> {
                            if (result.succeeded() && result.result() == 503) {
                                refused.incrementAndGet();
                            } else if (result.failed() || result.result() != 200) {
                                errors.incrementAndGet();
                            } else if (index >= unmeasured) {
                                latencies[recorded.getAndIncrement()] = System.nanoTime() - due;
                            }
                            done.countDown();
                        });
            }
            if (sent.get() >= total) {
                vertx.cancelTimer(tick);
            }
        });
        boolean finished = done.await(warmup + seconds + 60L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start - unmeasured * intervalNanos) / 1e9;
        int count = recorded.get();
        int answered = total - (int) done.getCount();
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT,
                "rate=%d sent=%d ok=%d refused=%d errors=%d achieved=%.0f/s p50=%.2fms p99=%.2fms p999=%.2fms%s%n",
                rate, sent.get(), answered - errors.get() - refused.get(), refused.get(), errors.get() + (total - answered),
                count / elapsed,
                percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 0.999),
                finished ? "" : " (timed out waiting for replies)");
        vertx.close();
        System.exit(errors.get() == 0 && finished ? 0 : 1);
    }

    private static double percentile(long[] sorted, double share) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(share * sorted.length) - 1)] / 1e6;
    }
}
