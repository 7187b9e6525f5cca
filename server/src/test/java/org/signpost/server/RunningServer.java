package org.signpost.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.signpost.connectors.voice.VoiceSettings;
import org.signpost.core.staff.Passwords;
import org.signpost.core.staff.Role;
import org.signpost.core.staff.StaffUser;
import org.signpost.storage.redis.Redis;

/**
 * A real Signpost server on a free port, talked to over real HTTP. The NLU model cache is shared
 * by every test run in {@code target/}, so the model is trained once per change of data. Public
 * for the browser tests in {@code org.signpost.server.browser}.
 */
public final class RunningServer implements AutoCloseable {

    static final Path DATA = Path.of("target", "it-data");

    private final Vertx vertx;
    private final Signpost signpost;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningServer(Vertx vertx, Signpost signpost) {
        this.vertx = vertx;
        this.signpost = signpost;
    }

    public static RunningServer start() throws Exception {
        return start(ServerConfig.fromEnvironment(Map.of()));
    }

    public static RunningServer start(ServerConfig base) throws Exception {
        Vertx vertx = Vertx.vertx();
        // A fresh data directory per server, so tests do not see each other's referrals; one
        // model cache for all, so the model is trained once.
        Files.createDirectories(DATA);
        return start(base, Files.createTempDirectory(DATA, "server-"), vertx);
    }

    /** A server on the given data directory (a restart reuses one). */
    static RunningServer start(ServerConfig base, Path data) throws Exception {
        return start(base, data, Vertx.vertx());
    }

    private static RunningServer start(ServerConfig base, Path data, Vertx vertx) throws Exception {
        // Test servers never take the standard FastAGI port: many run at once, and a developer's
        // Asterisk may be using it. A call test gives its own port.
        ServerConfig config = base.withPort(0).withDirectories(data, DATA.resolve("models"))
                .withVoice(base.voice().filter(voice -> voice.port() != VoiceSettings.DEFAULT_PORT));
        Signpost signpost = Signpost.start(vertx, config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        return new RunningServer(vertx, signpost);
    }

    /** The Redis server of the tests that need one: {@code REDIS_URL}, which ./scripts/test sets. */
    public static String redisUrl() {
        String url = System.getenv("REDIS_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("this test needs a Redis server: set REDIS_URL (./scripts/test finds or starts one)");
        }
        return url;
    }

    /** Deletes every key under {@code namespace} in that Redis: what a test (or an earlier run of it) left. */
    public static void forgetRedis(String namespace) throws Exception {
        try (Redis redis = Redis.connect(redisUrl(), namespace)) {
            var keys = redis.commands().keys(redis.key("*")).get();
            if (!keys.isEmpty()) {
                redis.commands().del(keys.toArray(String[]::new)).get();
            }
        }
    }

    /** Waits for a store's answer (stores answer asynchronously). */
    public static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    Signpost signpost() {
        return signpost;
    }

    /** Adds a member of staff (with few hash rounds, so signing in stays quick in tests). */
    /** Adds a staff account, hashed with few rounds (the sign-in check reads the rounds from the hash). */
    public void addStaff(String username, String password, Role... roles) throws Exception {
        await(signpost.stores().staff().save(new StaffUser(username, new Passwords(1_000).hash(password), Set.of(roles))));
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + signpost.port() + path);
    }

    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
        return post(path, "application/json", body);
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a message through the REST channel; the replies' texts, one per line. */
    String say(String sender, String message) throws IOException, InterruptedException {
        HttpResponse<String> response = postJson("/webhooks/rest/webhook",
                new JsonObject().put("sender", sender).put("message", message).encode());
        if (response.statusCode() != 200) {
            throw new AssertionError("the REST channel answered " + response.statusCode() + ": " + response.body());
        }
        StringBuilder text = new StringBuilder();
        new JsonArray(response.body())
                .forEach(reply -> text.append(((JsonObject) reply).getString("text")).append('\n'));
        return text.toString();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    @Override
    public void close() throws Exception {
        signpost.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
