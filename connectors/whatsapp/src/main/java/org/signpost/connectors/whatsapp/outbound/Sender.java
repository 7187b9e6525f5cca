package org.signpost.connectors.whatsapp.outbound;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.signpost.connectors.whatsapp.WhatsAppSettings;
import org.signpost.connectors.whatsapp.webhook.Acknowledgements;
import org.signpost.core.conversation.ConversationLock;
import org.signpost.core.conversation.Conversations;
import org.signpost.core.delivery.Inbox;
import org.signpost.core.delivery.OutboundMessage;
import org.signpost.core.delivery.Outbox;
import org.signpost.core.message.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox to WhatsApp: each person's messages in order, one at a time under the
 * person's lock (shared by all instances), within the number's throughput (a token bucket),
 * backing off and retrying when Meta says to slow down or is unavailable, and never dropping a
 * message: it is sent, kept back until the person writes again (the 24-hour window), or marked
 * failed and shown to navigators. Runs on one Vert.x context. New messages wake it; a retry sets
 * a timer; a look at the whole outbox at start and every {@link #POLL} picks up what a restart or
 * another instance's crash left.
 */
public final class Sender {

    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
    static final Duration POLL = Duration.ofSeconds(30);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(5);
    /** Meta allows about one message every six seconds to the same person before 131056. */
    static final Duration PAIR_PAUSE = Duration.ofSeconds(6);
    /** WhatsApp's customer service window: free-form replies may follow a person's message for this long. */
    public static final Duration WINDOW = Duration.ofHours(24);
    /** People sent to at once, at most: enough to keep the number's throughput, few enough not to crowd the store. */
    static final int MAX_SENDING = 16;

    private final Vertx vertx;
    private final Context context;
    private final Outbox outbox;
    private final Inbox inbox;
    private final ConversationLock lock;
    private final GraphClient graph;
    private final TokenBucket bucket;
    private final WhatsAppSettings settings;
    private final Clock clock;
    private final Navigators navigators;
    /** Sending gives way to webhooks waiting for their write. */
    private final Acknowledgements acknowledgements;
    /**
     * People whose queue this instance is sending now, and whether something was added meanwhile
     * (then the pump looks again before it stops, rather than leaving it to the next poll).
     * Touched on {@link #context} only.
     */
    private final Map<String, Boolean> sending = new HashMap<>();
    /** People with something to send, waiting for one of the {@link #MAX_SENDING} places. */
    private final Set<String> waiting = new LinkedHashSet<>();
    private long poll = -1;

    /** What navigators are told of, so that someone can reach the person another way. */
    public interface Navigators {
        /** The message was refused for good. */
        void refused(OutboundMessage message, String reason);

        /** The person has not written for 24 hours: replies wait until they do (once per closed window). */
        void windowClosed(OutboundMessage message, String reason);
    }

    /** @param navigators told of messages refused for good and of replies kept back */
    public Sender(Vertx vertx, Outbox outbox, Inbox inbox, ConversationLock lock, WhatsAppSettings settings, Clock clock,
            Navigators navigators, Acknowledgements acknowledgements) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.context = vertx.getOrCreateContext();
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.graph = new GraphClient(WebClient.create(vertx), settings);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.bucket = new TokenBucket(settings.messagesPerSecond(), clock);
        this.navigators = Objects.requireNonNull(navigators, "navigators");
        this.acknowledgements = Objects.requireNonNull(acknowledgements, "acknowledgements");
    }

    /** Starts polling the outbox. */
    public void start() {
        context.runOnContext(ignored -> {
            if (poll < 0) {
                poll = vertx.setPeriodic(POLL.toMillis(), tick -> pollDue());
                pollDue();
            }
        });
    }

    public void stop() {
        context.runOnContext(ignored -> {
            if (poll >= 0) {
                vertx.cancelTimer(poll);
                poll = -1;
            }
        });
    }

    /** There may be something new to send to {@code waId}. */
    public void kick(String waId) {
        context.runOnContext(ignored -> pump(waId));
    }

    private void pollDue() {
        outbox.recipientsWaiting(Channel.WHATSAPP, 10_000)
                .onSuccess(due -> due.forEach(this::pump))
                .onFailure(failure -> LOG.warn("The WhatsApp outbox could not be read: {}", failure.getMessage()));
    }

    private void pump(String waId) {
        if (sending.containsKey(waId)) {
            sending.put(waId, true);
            return;
        }
        if (sending.size() >= MAX_SENDING) {
            waiting.add(waId);
            return;
        }
        sending.put(waId, false);
        acknowledgements.giveWay()
                .compose(quiet -> lock.withLock("whatsapp-outbox:" + waId, () -> outbox.next(Channel.WHATSAPP, waId, clock.instant())
                        .compose(next -> next.isEmpty() ? Future.succeededFuture(false) : deliver(next.get()))))
                // Back on this sender's context: a Redis lock completes on Redis's own threads.
                .onComplete(result -> context.runOnContext(ignored -> pumped(waId, result)));
    }

    private void pumped(String waId, AsyncResult<Boolean> result) {
        boolean more = sending.remove(waId);
        if (result.failed()) {
            LOG.warn("Sending to {} paused until the next look at the outbox: {}", reference(waId), result.cause().getMessage());
        } else if (result.result() || more) {
            pump(waId);
            return;
        }
        Iterator<String> next = waiting.iterator();
        if (next.hasNext()) {
            String person = next.next();
            next.remove();
            pump(person);
        }
    }

    /** Sends one claimed message; answers whether to go straight on with the person's next. */
    private Future<Boolean> deliver(OutboundMessage message) {
        boolean template = "template".equals(new JsonObject(message.body()).getString("type"));
        Future<Boolean> open = template ? Future.succeededFuture(true) : windowOpen(message.recipient());
        return open.compose(isOpen -> {
            if (!isOpen) {
                return holdAndReopen(message, "the 24-hour window has closed").map(true);
            }
            return afterToken().compose(ready -> graph.send(message.body())).compose(result -> settle(message, result));
        });
    }

    private Future<Boolean> settle(OutboundMessage message, GraphResult result) {
        Instant now = clock.instant();
        if (result instanceof GraphResult.Accepted accepted) {
            return outbox.sent(message.id(), accepted.messageId(), now).map(true);
        }
        if (result instanceof GraphResult.Retry retry) {
            Duration backoff = backoff(message.attempts());
            Duration wait = retry.pair() && backoff.compareTo(PAIR_PAUSE) < 0 ? PAIR_PAUSE : backoff;
            if (retry.everyone()) {
                bucket.pauseUntil(now.plus(wait));
            }
            LOG.info("WhatsApp send to {} will be retried in {} ms: {}", reference(message.recipient()), wait.toMillis(), retry.reason());
            return outbox.retryAt(message.id(), now.plus(wait), retry.reason())
                    .onSuccess(later -> vertx.setTimer(Math.max(1, wait.toMillis()), timer -> kick(message.recipient())))
                    .map(false);
        }
        if (result instanceof GraphResult.WindowClosed closed) {
            return holdAndReopen(message, closed.reason()).map(true);
        }
        GraphResult.Refused refusal = (GraphResult.Refused) result;
        LOG.warn("WhatsApp refused a message to {} for good: {}", reference(message.recipient()), refusal.reason());
        return outbox.failed(message.id(), refusal.reason(), now).onSuccess(done -> navigators.refused(message, refusal.reason())).map(true);
    }

    /**
     * A message that may not be sent now is kept back, and the approved template asks the person
     * to write again; when they do, what was kept back follows. One template, and one word to
     * navigators, per closed window: the template's id is fixed by when the person last wrote.
     */
    public Future<Void> holdAndReopen(OutboundMessage message, String reason) {
        return outbox.hold(message.id(), reason)
                .compose(held -> inbox.lastSent(Channel.WHATSAPP, message.recipient()))
                .compose(last -> outbox.enqueue(List.of(OutboundMessage.fresh(
                        "reopen:" + message.recipient() + ":" + last.map(Instant::getEpochSecond).orElse(0L), Channel.WHATSAPP,
                        message.recipient(), message.conversationId(),
                        Renderer.template(message.recipient(), settings.reopenTemplate(), settings.templateLanguage()).encode(),
                        clock.instant()))))
                .<Void>map(added -> {
                    if (added > 0) {
                        navigators.windowClosed(message, reason);
                    }
                    return null;
                })
                .onSuccess(done -> kick(message.recipient()));
    }

    private Future<Boolean> windowOpen(String waId) {
        Instant now = clock.instant();
        return inbox.lastSent(Channel.WHATSAPP, waId).map(last -> last.map(at -> at.plus(WINDOW).isAfter(now)).orElse(false));
    }

    /** Completes when the bucket has a token for this send. */
    private Future<Void> afterToken() {
        Duration wait = bucket.take();
        if (wait.isZero()) {
            return Future.succeededFuture();
        }
        return Future.future(promise -> vertx.setTimer(Math.max(1, wait.toMillis()), timer -> afterToken().onComplete(promise)));
    }

    static Duration backoff(int attempts) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempts, 16));
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }

    private static String reference(String waId) {
        return Conversations.reference(Recipients.conversationId(waId));
    }
}
