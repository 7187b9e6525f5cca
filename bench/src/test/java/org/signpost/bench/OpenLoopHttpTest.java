package org.signpost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator's HTTP against a real HTTP server: what it counts, and answers of every shape. */
class OpenLoopHttpTest {

    private Vertx vertx;
    private HttpServer server;
    private final Set<String> connections = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    private InetSocketAddress serve(Consumer<HttpServerRequest> answer) {
        server = vertx.createHttpServer().requestHandler(request -> {
            connections.add(request.connection().remoteAddress().toString());
            answer.accept(request);
        }).listen(0, "127.0.0.1").await();
        return new InetSocketAddress("127.0.0.1", server.actualPort());
    }

    private static long number(Buffer body) {
        return new JsonObject(body).getLong("n");
    }

    @Test
    void countsAnswersByStatusAndTimesTheOnesThatSucceeded() throws Exception {
        InetSocketAddress address = serve(request -> request.body().onSuccess(body -> {
            long n = number(body);
            int status = n % 10 == 0 ? 503 : n % 10 == 1 ? 500 : 200;
            request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end("[{\"text\":\"hi\"}]");
        }));
        try (OpenLoopHttp http = new OpenLoopHttp(address, "/webhooks/rest/webhook", 8)) {
            OpenLoopHttp.Outcome outcome = http.run(2_000, 400, 100, n -> "{\"n\":" + n + "}", TimeUnit.SECONDS.toNanos(10));

            assertThat(outcome.finished()).isTrue();
            assertThat(outcome.sent()).isEqualTo(400);
            assertThat(outcome.refused()).isEqualTo(40);
            assertThat(outcome.errors()).isEqualTo(40);
            assertThat(outcome.causes()).containsExactly(Map.entry("HTTP 500", 40));
            assertThat(outcome.ok()).isEqualTo(320);
            // Only the successes after the unmeasured first 100 are timed: 300 messages, 8 in 10 of them.
            assertThat(outcome.latencies()).hasSize(240);
            assertThat(Arrays.stream(outcome.latencies())).allMatch(nanos -> nanos > 0 && nanos < TimeUnit.SECONDS.toNanos(10));
        }
        // Keep-alive: a few connections carried every message.
        assertThat(connections).hasSizeLessThanOrEqualTo(8);
    }

    @Test
    void readsChunkedAnswersAndAnswersAfterWhichTheServerCloses() throws Exception {
        InetSocketAddress address = serve(request -> request.body().onSuccess(body -> {
            long n = number(body);
            if (n % 3 == 0) {
                request.response().setChunked(true).write("[{\"text\":");
                vertx.setTimer(2, later -> request.response().end("\"in two chunks\"}]"));
            } else if (n % 3 == 1) {
                request.response().putHeader("Connection", "close").end("[]");
            } else {
                // Larger than one read.
                request.response().end("[{\"text\":\"" + "x".repeat(100_000) + "\"}]");
            }
        }));
        try (OpenLoopHttp http = new OpenLoopHttp(address, "/webhooks/rest/webhook", 4)) {
            OpenLoopHttp.Outcome outcome = http.run(500, 60, 0, n -> "{\"n\":" + n + "}", TimeUnit.SECONDS.toNanos(10));

            assertThat(outcome.causes()).isEmpty();
            assertThat(outcome.ok()).isEqualTo(60);
            assertThat(outcome.finished()).isTrue();
        }
    }

    @Test
    void messagesPastTheConnectionLimitWaitAndTheirWaitCounts() throws Exception {
        // Each answer takes 20 ms; two connections carry ten messages due at once.
        InetSocketAddress address = serve(request -> vertx.setTimer(20, later -> request.response().end("[]")));
        try (OpenLoopHttp http = new OpenLoopHttp(address, "/webhooks/rest/webhook", 2)) {
            OpenLoopHttp.Outcome outcome = http.run(100_000, 10, 0, n -> "{\"n\":" + n + "}", TimeUnit.SECONDS.toNanos(10));

            assertThat(outcome.ok()).isEqualTo(10);
            long[] sorted = outcome.latencies().clone();
            Arrays.sort(sorted);
            // The last pair waited for four answers before theirs: about 100 ms from when they were due.
            assertThat(sorted[9]).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(95));
        }
        assertThat(connections).hasSize(2);
    }

    @Test
    void aServerThatNeverAnswersCostsEveryMessageAsAnErrorAfterThePatience() throws Exception {
        InetSocketAddress address = serve(request -> {
            // Never answered.
        });
        try (OpenLoopHttp http = new OpenLoopHttp(address, "/webhooks/rest/webhook", 4)) {
            OpenLoopHttp.Outcome outcome = http.run(1_000, 20, 0, n -> "{\"n\":" + n + "}", TimeUnit.MILLISECONDS.toNanos(300));

            assertThat(outcome.finished()).isFalse();
            assertThat(outcome.ok()).isZero();
            assertThat(outcome.errors()).isEqualTo(20);
        }
    }
}
