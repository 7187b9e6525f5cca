package org.signpost.server.console;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.signpost.connectors.web.http.JsonBodies;
import org.signpost.connectors.web.socket.JsonFrames;
import org.signpost.connectors.web.transcript.TranscriptJson;
import org.signpost.core.delivery.ReplyBus;
import org.signpost.core.escalation.Escalation;
import org.signpost.core.escalation.EscalationQueue;
import org.signpost.core.staff.Role;
import org.signpost.error.InvalidInputException;
import org.signpost.server.staff.StaffAuth;
import org.signpost.server.staff.StaffAuth.StaffIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The navigators' live console at {@code /ws/console} (web-widget/PROTOCOL.md): the queue, pushed
 * within a second of any change on any instance, and the new lines of the conversation a
 * navigator is watching. The queue is read from the shared queue store twice a second while any
 * console is connected to this instance, and pushed to a console only when its view changed:
 * polling one store read per instance is simpler and sturdier than fanning out change events.
 * Its state is touched only on the HTTP server's event loop (the sockets' and the timer's).
 */
public final class ConsoleChannel {

    public static final String PATH = "/ws/console";
    static final long REFRESH_MILLIS = 500;
    static final long AUTH_TIMEOUT_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleChannel.class);

    private final Vertx vertx;
    private final StaffAuth auth;
    private final EscalationQueue queue;
    private final ReplyBus bus;
    private final Clock clock;
    /**
     * Where the consoles' set, the timer and the refresh are touched: the consoles' sockets come in
     * on any of the server's event loops.
     */
    private final Context context;
    private final Set<Console> consoles = new LinkedHashSet<>();
    private long refreshTimer = -1;
    private boolean refreshing;

    public ConsoleChannel(Vertx vertx, StaffAuth auth, EscalationQueue queue, ReplyBus bus, Clock clock) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.context = vertx.getOrCreateContext();
    }

    public void mount(Router router) {
        JsonFrames.mount(router, PATH, socket -> new Console(socket).start());
    }

    /** Reads the queue once and pushes it to every console whose view changed. Runs on the channel's context. */
    private void refresh() {
        if (refreshing || consoles.isEmpty()) {
            return;
        }
        refreshing = true;
        Map<String, Future<List<Escalation>>> held = new HashMap<>();
        queue.waiting().compose(waiting -> {
            for (Console console : consoles) {
                held.computeIfAbsent(console.identity.username(), queue::heldBy);
            }
            return Future.all(List.copyOf(held.values())).map(waiting);
        }).onComplete(read -> {
            refreshing = false;
            if (read.failed()) {
                LOG.warn("The console could not read the escalation queue: {}", read.cause().getMessage());
                return;
            }
            for (Console console : List.copyOf(consoles)) {
                String navigator = console.identity.username();
                console.show(read.result(), held.get(navigator).result());
            }
        });
    }

    private void register(Console console) {
        context.runOnContext(ignored -> {
            consoles.add(console);
            if (refreshTimer < 0) {
                refreshTimer = vertx.setPeriodic(REFRESH_MILLIS, tick -> refresh());
            }
            refresh();
        });
    }

    private void unregister(Console console) {
        context.runOnContext(ignored -> {
            consoles.remove(console);
            if (consoles.isEmpty() && refreshTimer >= 0) {
                vertx.cancelTimer(refreshTimer);
                refreshTimer = -1;
            }
        });
    }

    /**
     * One navigator's console socket: its frames are handled on its socket's context; the queue
     * is shown to it from the channel's ({@link #show}).
     */
    private final class Console {

        private final ServerWebSocket socket;
        private StaffIdentity identity;
        private String shownQueue = "";
        private ReplyBus.Subscription watching;
        private String watched;

        Console(ServerWebSocket socket) {
            this.socket = socket;
        }

        void start() {
            long authTimer = vertx.setTimer(AUTH_TIMEOUT_MILLIS, fired -> {
                if (identity == null) {
                    refuse("sign in first: send {\"type\":\"auth\",\"token\":\"...\"}");
                }
            });
            socket.textMessageHandler(this::receive);
            socket.exceptionHandler(failure -> LOG.debug("Console socket failed: {}", failure.getMessage()));
            socket.closeHandler(closed -> {
                vertx.cancelTimer(authTimer);
                unwatch();
                unregister(this);
            });
        }

        private void receive(String text) {
            try {
                JsonObject frame = JsonFrames.parse(text);
                String type = frame.getString("type");
                if ("ping".equals(type)) {
                    write(new JsonObject().put("type", "pong"));
                } else if ("auth".equals(type)) {
                    authenticate(JsonBodies.string(frame, "token", 4_096));
                } else if (identity == null) {
                    refuse("sign in first: send {\"type\":\"auth\",\"token\":\"...\"}");
                } else if ("watch".equals(type)) {
                    watch(JsonBodies.string(frame, "conversation_id", 300));
                } else if ("unwatch".equals(type)) {
                    unwatch();
                } else {
                    error("invalid_frame", "unknown frame type '" + type + "' (expected auth, watch, unwatch or ping)");
                }
            } catch (InvalidInputException e) {
                error("invalid_frame", e.getMessage());
            }
        }

        private void authenticate(String token) {
            if (identity != null) {
                error("invalid_frame", "already signed in");
                return;
            }
            auth.verify(token).onComplete(verified -> {
                if (verified.failed() || !verified.result().hasAny(Role.NAVIGATOR)) {
                    refuse(verified.failed() ? "the token is not valid; sign in again" : "the console needs the navigator role");
                    return;
                }
                identity = verified.result();
                write(new JsonObject().put("type", "ready").put("navigator", identity.username())
                        .put("roles", identity.roles().stream().map(Role::id).toList()));
                register(this);
            });
        }

        private void watch(String conversationId) {
            unwatch();
            watched = conversationId;
            bus.subscribe(conversationId, published -> {
                for (JsonObject line : TranscriptJson.lines(published)) {
                    if (conversationId.equals(watched)) {
                        write(new JsonObject().put("type", "entry").put("conversation_id", conversationId).put("entry", line));
                    }
                }
            }).onComplete(subscribed -> {
                if (subscribed.failed()) {
                    error("unavailable", "the conversation cannot be followed live just now; reload it");
                } else if (!conversationId.equals(watched) || socket.isClosed()) {
                    subscribed.result().close();
                } else {
                    watching = subscribed.result();
                }
            });
        }

        private void unwatch() {
            watched = null;
            if (watching != null) {
                watching.close();
                watching = null;
            }
        }

        void show(List<Escalation> waiting, List<Escalation> mine) {
            JsonObject view = EscalationJson.queue(waiting, mine, identity.username(), clock.instant());
            // Waiting times tick every second; only a change in who is waiting or held is news.
            String shape = view.getJsonArray("waiting").stream().map(item -> ((JsonObject) item).getString("id")).toList()
                    + "|" + view.getJsonArray("mine").stream().map(item -> ((JsonObject) item).getString("id")).toList();
            if (!shape.equals(shownQueue)) {
                shownQueue = shape;
                write(view.put("type", "queue"));
            }
        }

        private void refuse(String detail) {
            error("unauthorised", detail);
            if (!socket.isClosed()) {
                socket.close((short) 1008, "unauthorised");
            }
        }

        private void error(String code, String detail) {
            JsonFrames.error(socket, code, detail);
        }

        private void write(JsonObject frame) {
            JsonFrames.write(socket, frame);
        }
    }
}
