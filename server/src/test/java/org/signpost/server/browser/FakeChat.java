package org.signpost.server.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Stands in for {@code /ws/chat} inside the page (Playwright's WebSocket routing), so a test can
 * send the widget exactly the frames it wants: gaps, duplicates, errors, a navigator joining. It
 * only answers what the test tells it to; what the widget sent is kept in {@link #received}.
 *
 * <p>Playwright delivers frames while the test thread is inside a Playwright call, so waiting is
 * done with {@link Page#waitForTimeout}, never {@code Thread.sleep}.
 */
final class FakeChat {

    private final Page page;
    private final List<JsonObject> received = new ArrayList<>();
    private final List<WebSocketRoute> sockets = new ArrayList<>();

    private FakeChat(Page page) {
        this.page = page;
    }

    /** Routes the page's {@code /ws/chat} sockets to a new fake; call before the page loads. */
    static FakeChat install(Page page) {
        FakeChat fake = new FakeChat(page);
        page.routeWebSocket(url -> url.endsWith("/ws/chat"), socket -> {
            fake.sockets.add(socket);
            socket.onMessage(frame -> fake.received.add(new JsonObject(frame.text())));
        });
        return fake;
    }

    /** Sends a frame to the widget on the newest socket. */
    FakeChat send(JsonObject frame) {
        if (sockets.isEmpty()) {
            throw new AssertionError("the widget has not opened a socket");
        }
        sockets.get(sockets.size() - 1).send(frame.encode());
        return this;
    }

    FakeChat session(String id, boolean resumed) {
        return send(new JsonObject().put("type", "session").put("session_id", id).put("resumed", resumed));
    }

    FakeChat user(int seq, String text) {
        return send(new JsonObject().put("type", "user").put("seq", seq).put("text", text));
    }

    FakeChat bot(int seq, String text, String... titlesAndPayloads) {
        io.vertx.core.json.JsonArray buttons = new io.vertx.core.json.JsonArray();
        for (int i = 0; i + 1 < titlesAndPayloads.length; i += 2) {
            buttons.add(new JsonObject().put("title", titlesAndPayloads[i]).put("payload", titlesAndPayloads[i + 1]));
        }
        return send(new JsonObject().put("type", "bot").put("seq", seq).put("text", text).put("buttons", buttons));
    }

    /** Drops the newest socket as a network failure would (the widget should reconnect). */
    void drop() {
        sockets.get(sockets.size() - 1).close(new WebSocketRoute.CloseOptions().setCode(1011)
                .setReason("dropped by the test"));
    }

    int sockets() {
        return sockets.size();
    }

    /** Every frame the widget sent, in order. */
    List<JsonObject> received() {
        return List.copyOf(received);
    }

    /** Waits (up to 10 s) for the widget to send a frame that matches; returns it. */
    JsonObject await(String what, Predicate<JsonObject> frame) {
        return await(what, frame, 0);
    }

    /** As {@link #await(String, Predicate)}, ignoring the first {@code skip} frames received. */
    JsonObject await(String what, Predicate<JsonObject> frame, int skip) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until) {
            List<JsonObject> now = received();
            for (int i = skip; i < now.size(); i++) {
                if (frame.test(now.get(i))) {
                    return now.get(i);
                }
            }
            page.waitForTimeout(50);
        }
        throw new AssertionError("the widget did not send " + what + "; it sent " + received());
    }

    /** Waits (up to 10 s) until the widget has opened this many sockets in all. */
    void awaitSockets(int count) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (sockets.size() < count && System.nanoTime() < until) {
            page.waitForTimeout(50);
        }
        if (sockets.size() < count) {
            throw new AssertionError("the widget opened " + sockets.size() + " socket(s), expected " + count);
        }
    }
}
