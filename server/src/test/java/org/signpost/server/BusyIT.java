package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.SetArgs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.signpost.storage.redis.Redis;

/**
 * Past its limit of turns under way, an instance refuses REST and web chat messages at once (503
 * {@code busy} with {@code Retry-After}, a {@code busy} error frame) and keeps nothing of them,
 * instead of queueing them without bound; once a turn finishes it answers again. The turn under
 * way is held deterministically: its conversation's lock is taken in Redis, as another instance
 * mid-turn would hold it.
 */
class BusyIT {

    private static final String NAMESPACE = "signpost-it-busy-" + UUID.randomUUID() + ":";
    private static Redis redis;
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        redis = Redis.connect(RunningServer.redisUrl(), NAMESPACE);
        server = RunningServer.start(ServerConfig.fromEnvironment(Map.of("REDIS_URL", RunningServer.redisUrl(),
                "REDIS_NAMESPACE", NAMESPACE, "SIGNPOST_MAX_TURNS_IN_FLIGHT", "1")));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        redis.close();
        RunningServer.forgetRedis(NAMESPACE);
    }

    private static HttpRequest message(String sender, String text) {
        return HttpRequest.newBuilder(server.uri("/webhooks/rest/webhook")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("sender", sender).put("message", text).encode()))
                .build();
    }

    private static String turnsDetail() throws Exception {
        return new JsonObject(server.get("/ready").body()).getJsonObject("checks").getJsonObject("turns").getString("detail");
    }

    /** The /ready line on turns, once the held message's turn is under way (it waits for the lock). */
    private static String turnsDetailOnceUnderWay() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String detail = turnsDetail();
        while (detail.startsWith("0 under way") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            detail = turnsDetail();
        }
        return detail;
    }

    @Test
    void pastTheLimitMessagesAreRefusedAtOnceAndNothingOfThemIsKept() throws Exception {
        String lock = redis.key("lock:held");
        redis.commands().set(lock, "another-instance", SetArgs.Builder.px(20_000)).get();
        CompletableFuture<HttpResponse<String>> held = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(message("held", "hello"), HttpResponse.BodyHandlers.ofString());
        assertThat(turnsDetailOnceUnderWay()).isEqualTo("1 under way of at most 1, 0 refused since start");

        HttpResponse<String> refused = server.send(message("refused", "hello"));

        assertThat(refused.statusCode()).isEqualTo(503);
        JsonObject body = new JsonObject(refused.body());
        assertThat(body.getString("error")).isEqualTo("busy");
        assertThat(body.getString("detail")).contains("send the message again");
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(RunningServer.await(server.signpost().stores().trackers().load("refused"))).isEmpty();
        assertThat(turnsDetail()).isEqualTo("1 under way of at most 1, 1 refused since start");

        try (SocketClient chat = SocketClient.connect(server, "/ws/chat")) {
            chat.send(new JsonObject().put("type", "message").put("text", "hello"));
            JsonObject error = chat.next("error");
            assertThat(error.getString("error")).isEqualTo("busy");
            assertThat(error.getString("detail")).contains("send it again");
        }
        assertThat(held).isNotDone();

        redis.commands().del(lock).get();

        HttpResponse<String> answered = held.get(10, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(new JsonArray(answered.body())).isNotEmpty();
        assertThat(server.say("refused", "hello")).isNotBlank();
    }
}
