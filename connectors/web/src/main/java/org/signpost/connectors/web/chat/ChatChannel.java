package org.signpost.connectors.web.chat;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.Objects;
import org.signpost.connectors.web.socket.JsonFrames;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.delivery.ReplyBus;
import org.signpost.core.turn.BoundedTurns;

/**
 * The web widget's channel: one WebSocket per browser tab at {@code /ws/chat}, speaking the
 * protocol of web-widget/PROTOCOL.md. Each socket is a {@link ChatSocket}.
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
        JsonFrames.mount(router, PATH, socket -> new ChatSocket(vertx, socket, turns, trackers, bus, settings).start());
    }
}
