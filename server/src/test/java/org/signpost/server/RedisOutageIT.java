package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When Redis goes away, conversations fail fast with a clear 503 (nothing is half kept) and
 * {@code /ready} says why; when it comes back, service resumes without a restart. Runs its own
 * throwaway redis-server so that it can stop and start it.
 */
class RedisOutageIT {

    private static int port;
    private static Path directory;
    private static Process redis;
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        directory = Files.createTempDirectory("signpost-redis-outage");
        startRedis();
        server = RunningServer.start(ServerConfig.fromEnvironment(Map.of("REDIS_URL", "redis://127.0.0.1:" + port)));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private static void startRedis() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", directory.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("redis.log").toFile());
        try {
            redis = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("this test needs the redis-server program (./scripts/test installs it as root)", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start; see " + directory.resolve("redis.log"));
    }

    private static HttpResponse<String> hello() throws Exception {
        return server.postJson("/webhooks/rest/webhook", "{\"sender\":\"outage\",\"message\":\"hello\"}");
    }

    @Test
    void failsFastWhileRedisIsDownAndRecoversWithoutARestart() throws Exception {
        assertThat(hello().statusCode()).isEqualTo(200);

        redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        long started = System.nanoTime();
        HttpResponse<String> refused = hello();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(3_000);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(refused.body()).getString("error")).isEqualTo("store_unavailable");
        assertThat(refused.headers().firstValue("Retry-After")).contains("5");
        HttpResponse<String> ready = server.get("/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(ready.body()).getJsonObject("checks").getJsonObject("redis").getString("status"))
                .isEqualTo("failing");

        startRedis();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        int status = 0;
        while (System.nanoTime() < deadline && status != 200) {
            Thread.sleep(200);
            status = hello().statusCode();
        }
        assertThat(status).isEqualTo(200);
        assertThat(server.get("/ready").statusCode()).isEqualTo(200);
    }
}
