package org.signpost.connectors.web.chat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.Objects;
import org.signpost.connectors.web.socket.JsonFrames;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.delivery.ReplyBus;
import org.signpost.core.turn.BoundedTurns;

/**
 * The web widget's channel: one WebSocket per browser tab at {@code /ws/chat}, speaking the
 * protocol of web-widget/PROTOCOL.md. Each socket is a {@link ChatSocket}. With allowed origins
 * set, only pages of those websites may open one.
 */
public final class ChatChannel {

    public static final String PATH = "/ws/chat";

    private final Vertx vertx;
    private final BoundedTurns turns;
    private final TrackerStore trackers;
    private final ReplyBus bus;
    private final ChatSettings settings;

    public ChatChannel(Vertx vertx, BoundedTurns turns, TrackerStore trackers, ReplyBus bus, ChatSettings settings) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.turns = Objects.requireNonNull(turns, "turns");
        this.trackers = Objects.requireNonNull(trackers, "trackers");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public void mount(Router router) {
        // A page on a website the chat is not set up for (a look-alike site borrowing the service's
        // name) is refused before the socket opens.
        router.get(PATH).handler(context -> {
            if (settings.allowsOrigin(context.request().getHeader(HttpHeaders.ORIGIN))) {
                context.next();
                return;
            }
            context.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(new JsonObject().put("error", "origin_not_allowed")
                            .put("detail", "this chat is not set up for the website it was opened on").encode());
        });
        JsonFrames.mount(router, PATH, socket -> new ChatSocket(vertx, socket, turns, trackers, bus, settings).start());
    }
}
