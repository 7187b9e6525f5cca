package org.signpost.server;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (the JDK's) that collects the JSON frames the server sends. */
public final class SocketClient implements AutoCloseable {

    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String sessionId;
    private final WebSocket socket;

    private SocketClient(URI uri, Map<String, String> headers) throws Exception {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        socket = builder.buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            JsonObject frame = new JsonObject(partial.toString());
                            if ("session".equals(frame.getString("type"))) {
                                sessionId = frame.getString("session_id");
                            }
                            frames.add(frame);
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.complete(-1);
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    static SocketClient connect(RunningServer server, String path) throws Exception {
        return connect(server, path, Map.of());
    }

    /** With request headers, such as the {@code Origin} a browser sends. */
    static SocketClient connect(RunningServer server, String path, Map<String, String> headers) throws Exception {
        return new SocketClient(URI.create("ws://localhost:" + server.signpost().port() + path), headers);
    }

    public static SocketClient connect(URI uri) throws Exception {
        return new SocketClient(uri, Map.of());
    }

    /** The chat conversation this socket's session is ({@code web:<session id>}), once the server said. */
    public String conversationId() {
        if (sessionId == null) {
            throw new AssertionError("no session frame yet");
        }
        return "web:" + sessionId;
    }

    public void send(JsonObject frame) throws Exception {
        sendText(frame.encode());
    }

    public void sendText(String text) throws Exception {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    public void sendBinary(byte[] bytes) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).get(5, TimeUnit.SECONDS);
    }

    /** The next frame of {@code type}, skipping others; fails after 10 s. */
    public JsonObject next(String type) throws Exception {
        return next(frame -> type.equals(frame.getString("type")), "a '" + type + "' frame");
    }

    public JsonObject next(Predicate<JsonObject> wanted, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<JsonObject> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            JsonObject frame = frames.poll(100, TimeUnit.MILLISECONDS);
            if (frame != null && wanted.test(frame)) {
                return frame;
            }
            if (frame != null) {
                skipped.add(frame);
            }
        }
        throw new AssertionError("no " + what + " within 10 s; got " + skipped);
    }

    /** Transcript frames (with a seq) up to and including the one numbered {@code seq}. */
    List<JsonObject> linesUpTo(int seq) throws Exception {
        List<JsonObject> lines = new ArrayList<>();
        while (true) {
            JsonObject line = next(frame -> frame.containsKey("seq"), "transcript line " + seq);
            lines.add(line);
            if (line.getInteger("seq") >= seq) {
                return lines;
            }
        }
    }

    /** Frames received and not yet taken, waiting {@code quiet} for stragglers. */
    List<JsonObject> drain(Duration quiet) throws Exception {
        List<JsonObject> rest = new ArrayList<>();
        JsonObject frame;
        while ((frame = frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            rest.add(frame);
        }
        return rest;
    }

    int awaitClose() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
