package org.signpost.connectors.web.chat;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.signpost.connectors.web.http.JsonBodies;
import org.signpost.connectors.web.socket.JsonFrames;
import org.signpost.connectors.web.transcript.TranscriptJson;
import org.signpost.core.conversation.Conversations;
import org.signpost.core.conversation.StoreUnavailableException;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.delivery.ReplyBus;
import org.signpost.core.message.Channel;
import org.signpost.core.message.UserMessage;
import org.signpost.core.transcript.Transcript;
import org.signpost.core.transcript.TranscriptEntry;
import org.signpost.core.turn.BoundedTurns;
import org.signpost.core.turn.BusyException;
import org.signpost.error.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser tab's chat socket. Everything runs on the socket's event-loop context, so the
 * fields need no locking. Lines reach the tab only through the reply bus (the turn's own replies
 * too), so a reply written by a navigator on another instance arrives the same way, and a tab
 * that reattaches gets what it missed from the transcript, which is the record.
 */
final class ChatSocket {

    private static final Logger LOG = LoggerFactory.getLogger(ChatSocket.class);
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{22,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MAX_TEXT = 2_000;
    static final int MAX_PAYLOAD = 500;

    private final Vertx vertx;
    private final ServerWebSocket socket;
    private final BoundedTurns turns;
    private final TrackerStore trackers;
    private final ReplyBus bus;
    private final ChatSettings settings;
    private final RateLimit rate;

    private String sessionId;
    /** Completes once the socket's session is subscribed (and, after a resume, replayed). */
    private Future<Void> ready = Future.succeededFuture();
    private ReplyBus.Subscription subscription;
    /** Lines that arrived while the transcript was being replayed, written after it. */
    private List<JsonObject> pending;
    private int lastSeqSent;
    /** Whether the lines sent so far leave a navigator in the conversation. */
    private boolean navigatorJoined;
    private long idleTimer = -1;
    private boolean closed;

    ChatSocket(Vertx vertx, ServerWebSocket socket, BoundedTurns turns, TrackerStore trackers, ReplyBus bus,
            ChatSettings settings) {
        this.vertx = vertx;
        this.socket = socket;
        this.turns = turns;
        this.trackers = trackers;
        this.bus = bus;
        this.settings = settings;
        this.rate = new RateLimit(settings.burst(), settings.refill().toNanos(), System.nanoTime());
    }

    void start() {
        socket.textMessageHandler(this::receive);
        socket.binaryMessageHandler(binary -> error("invalid_frame", "frames are JSON text, not binary"));
        socket.exceptionHandler(this::failed);
        socket.closeHandler(ignored -> detach());
        resetIdleTimer();
    }

    /**
     * A frame over the size limit arrives as a failure: Netty's {@link CorruptedWebSocketFrameException}
     * for one big frame, Vert.x's IllegalStateException for fragments that overflow the message
     * buffer. Either way the socket is closed with 1009 (too big); after any other failure, 1011.
     */
    private void failed(Throwable failure) {
        LOG.debug("Chat socket failed: {}", failure.getMessage());
        if (socket.isClosed()) {
            return;
        }
        if (failure instanceof CorruptedWebSocketFrameException || failure instanceof IllegalStateException) {
            socket.close((short) 1009, "frames are limited to 16 KiB");
        } else {
            socket.close((short) 1011, "the connection failed");
        }
    }

    private void receive(String text) {
        if (!rate.tryAcquire(System.nanoTime())) {
            error("rate_limited", "too many frames; wait a few seconds and try again");
            return;
        }
        try {
            JsonObject frame = JsonFrames.parse(text);
            String type = frame.getString("type");
            switch (type) {
                case "message" -> say(JsonBodies.string(frame, "text", MAX_TEXT).strip());
                case "button" -> press(frame);
                case "resume" -> resume(JsonBodies.string(frame, "session_id", 64),
                        (int) JsonBodies.number(frame, "last_seq", 0, Integer.MAX_VALUE));
                case "ping" -> write(new JsonObject().put("type", "pong"));
                default -> error("invalid_frame", "unknown frame type '" + type + "' (expected message, button, resume or ping)");
            }
        } catch (InvalidInputException e) {
            error("invalid_frame", e.getMessage());
        }
    }

    /** The payload is what the bot understands; the transcript shows the title the person pressed. */
    private void press(JsonObject frame) {
        String title = JsonBodies.optionalString(frame, "title", MAX_PAYLOAD).orElse("").strip();
        say(JsonBodies.string(frame, "payload", MAX_PAYLOAD).strip(),
                title.isEmpty() ? Map.of() : Map.of(UserMessage.BUTTON_TITLE, title));
    }

    private void say(String text) {
        say(text, Map.of());
    }

    private void say(String text, Map<String, String> metadata) {
        if (text.isEmpty()) {
            error("invalid_frame", "the field 'text' must not be empty");
            return;
        }
        resetIdleTimer();
        if (sessionId == null) {
            ready = startSession();
        }
        // A message sent while the session is still being attached waits for it, so its replies are heard.
        ready.onSuccess(attached -> {
            if (!navigatorJoined) {
                // With a navigator there, the bot will not answer: no "Signpost is writing" then.
                write(new JsonObject().put("type", "typing"));
            }
            String conversation = conversationId(sessionId);
            turns.handle(new UserMessage(conversation, Channel.WEB, text, metadata))
                    .onFailure(failure -> {
                        if (failure instanceof BusyException) {
                            error("busy", "too many messages are being answered just now; nothing was kept, please send "
                                    + "it again in a moment");
                        } else if (failure instanceof StoreUnavailableException) {
                            error("unavailable", "your message could not be kept just now; please send it again");
                        } else {
                            LOG.error("Chat turn failed for conversation {}", Conversations.reference(conversation), failure);
                            error("unavailable", "something went wrong on our side; please send your message again");
                        }
                    });
        });
    }

    private Future<Void> startSession() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return attach(id).onSuccess(attached -> {
            write(new JsonObject().put("type", "session").put("session_id", id).put("resumed", false));
            pending = null;
        }).onFailure(failure -> {
            detach(); // the next message tries again
            error("unavailable", "the chat could not start just now; please try again");
        });
    }

    private void resume(String id, int lastSeq) {
        if (!SESSION_ID.matcher(id).matches()) {
            error("unknown_session", "that session id was not issued by Signpost; start a new conversation");
            return;
        }
        detach();
        Promise<Void> replayed = Promise.promise();
        ready = replayed.future();
        attach(id).compose(subscribed -> trackers.load(conversationId(id))).onComplete(loaded -> {
            if (!id.equals(sessionId)) {
                replayed.fail("another resume (or the socket's close) came first");
                return;
            }
            if (loaded.failed()) {
                detach();
                error("unavailable", "the conversation could not be loaded just now; please try again");
                replayed.fail(loaded.cause());
                return;
            }
            List<TranscriptEntry> lines = Transcript.of(loaded.result());
            if (lastSeq > Transcript.lastSeq(lines)) {
                // The client has seen more than is kept: the conversation has expired or was deleted.
                detach();
                error("unknown_session", "that conversation is no longer available; start a new one");
                replayed.fail("unknown session");
                return;
            }
            write(new JsonObject().put("type", "session").put("session_id", id).put("resumed", true));
            lastSeqSent = lastSeq;
            for (TranscriptEntry line : lines) {
                deliver(TranscriptJson.staff(line));
            }
            List<JsonObject> arrived = pending;
            pending = null;
            arrived.forEach(this::deliver);
            replayed.complete();
        });
    }

    /** Subscribes to the session's lines; until the caller clears {@link #pending}, they are held back. */
    private Future<Void> attach(String id) {
        sessionId = id;
        pending = new ArrayList<>();
        lastSeqSent = 0;
        navigatorJoined = false;
        return bus.subscribe(conversationId(id), this::published).map(subscribed -> {
            if (closed || !id.equals(sessionId)) {
                subscribed.close();
                throw new IllegalStateException("the socket moved on while subscribing");
            }
            subscription = subscribed;
            return null;
        });
    }

    private void published(String frame) {
        for (JsonObject line : TranscriptJson.lines(frame)) {
            if (pending != null) {
                pending.add(line);
            } else {
                deliver(line);
            }
        }
    }

    /** Writes a line the person may see and has not been sent yet. */
    private void deliver(JsonObject staffLine) {
        if ("handoff".equals(staffLine.getString("type"))) {
            // Every line passes here in order, replayed or not, so this follows the conversation.
            navigatorJoined = "joined".equals(staffLine.getString("state"));
        }
        TranscriptJson.forPerson(staffLine).ifPresent(frame -> {
            int seq = frame.getInteger("seq");
            if (seq > lastSeqSent) {
                lastSeqSent = seq;
                write(frame);
            }
        });
    }

    private void detach() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        sessionId = null;
        pending = null;
        if (socket.isClosed()) {
            closed = true;
            vertx.cancelTimer(idleTimer);
        }
    }

    private void resetIdleTimer() {
        vertx.cancelTimer(idleTimer);
        idleTimer = vertx.setTimer(settings.idleTimeout().toMillis(), fired -> {
            error("idle_timeout", "the chat was idle; it carries on when you next write");
            socket.close((short) 1000, "idle");
        });
    }

    private void error(String code, String detail) {
        JsonFrames.error(socket, code, detail);
    }

    private void write(JsonObject frame) {
        JsonFrames.write(socket, frame);
    }

    /** Web conversations have their own namespace, so a session id can never name another channel's conversation. */
    static String conversationId(String sessionId) {
        return "web:" + sessionId;
    }
}
