package org.signpost.server.browser;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A person on {@code /ws/chat}, driven from Java (see web-widget/PROTOCOL.md): sends frames and
 * waits for the server's. For tests about the other side of a conversation (the console).
 */
final class ChatSocket implements AutoCloseable {

    private final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    private final WebSocket socket;
    private int read;

    private ChatSocket(URI uri) throws Exception {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            frames.add(new JsonObject(partial.toString()));
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
    }

    /** Opens {@code /ws/chat} on the server at {@code baseUrl} (http://host:port). */
    static ChatSocket open(String baseUrl) throws Exception {
        return new ChatSocket(URI.create(baseUrl.replaceFirst("^http", "ws") + "/ws/chat"));
    }

    ChatSocket say(String text) throws Exception {
        return send(new JsonObject().put("type", "message").put("text", text));
    }

    ChatSocket press(String payload, String title) throws Exception {
        return send(new JsonObject().put("type", "button").put("payload", payload).put("title", title));
    }

    ChatSocket send(JsonObject frame) throws Exception {
        socket.sendText(frame.encode(), true).get(5, TimeUnit.SECONDS);
        return this;
    }

    /** The next frame after the last one returned that matches, waiting up to {@code seconds}. */
    JsonObject await(String description, int seconds, Predicate<JsonObject> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (int i = read; i < frames.size(); i++) {
                if (wanted.test(frames.get(i))) {
                    read = i + 1;
                    return frames.get(i);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + description + " within " + seconds + " s; frames: " + frames);
    }

    JsonObject await(String type, int seconds) throws InterruptedException {
        return await("'" + type + "' frame", seconds, frame -> type.equals(frame.getString("type")));
    }

    /** The conversation this socket's session is, as the console names it ({@code web:<session id>}). */
    String conversationId() {
        return frames.stream().filter(frame -> "session".equals(frame.getString("type"))).findFirst()
                .map(frame -> "web:" + frame.getString("session_id"))
                .orElseThrow(() -> new AssertionError("no session yet; frames: " + frames));
    }

    List<JsonObject> frames() {
        return new ArrayList<>(frames);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
}
