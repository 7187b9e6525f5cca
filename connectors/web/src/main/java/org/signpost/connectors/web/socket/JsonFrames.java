package org.signpost.connectors.web.socket;

import io.vertx.core.Handler;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.signpost.connectors.web.http.JsonBodies;
import org.signpost.error.InvalidInputException;

/** What the chat and console sockets share: the upgrade route and JSON frames with a {@code type}. */
public final class JsonFrames {

    private JsonFrames() {
    }

    /** Upgrades {@code GET path} to a WebSocket; a plain request gets a 400 that says so. */
    public static void mount(Router router, String path, Handler<ServerWebSocket> sockets) {
        router.get(path).handler(context -> context.request().toWebSocket().onSuccess(sockets).onFailure(failure -> {
            if (!context.response().ended()) {
                context.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("error", "websocket_required")
                                .put("detail", path + " speaks WebSocket; see web-widget/PROTOCOL.md").encode());
            }
        }));
    }

    /**
     * The frame as a JSON object with its {@code type}.
     *
     * @throws InvalidInputException when it is not a JSON object or has no string type
     */
    public static JsonObject parse(String text) {
        JsonObject frame;
        try {
            frame = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new InvalidInputException("invalid_frame", "a frame must be a JSON object with a 'type'");
        }
        JsonBodies.string(frame, "type", 20);
        return frame;
    }

    public static void write(ServerWebSocket socket, JsonObject frame) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(frame.encode());
        }
    }

    public static void error(ServerWebSocket socket, String code, String detail) {
        write(socket, new JsonObject().put("type", "error").put("error", code).put("detail", detail));
    }
}
