package org.signpost.connectors.whatsapp.inbound;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.signpost.connectors.whatsapp.outbound.Recipients;
import org.signpost.connectors.whatsapp.outbound.Renderer;
import org.signpost.connectors.whatsapp.outbound.Replies;
import org.signpost.connectors.whatsapp.outbound.Sender;
import org.signpost.connectors.whatsapp.webhook.Acknowledgements;
import org.signpost.connectors.whatsapp.webhook.IncomingMessage;
import org.signpost.core.conversation.ConversationLock;
import org.signpost.core.conversation.Conversations;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.delivery.InboundMessage;
import org.signpost.core.delivery.Inbox;
import org.signpost.core.delivery.Outbox;
import org.signpost.core.event.BotUttered;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.message.BotMessage;
import org.signpost.core.message.Button;
import org.signpost.core.message.Channel;
import org.signpost.core.message.UserMessage;
import org.signpost.core.response.ResponseCatalog;
import org.signpost.core.turn.TurnProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes WhatsApp messages in exactly once and in order. A webhook's messages are kept in the
 * inbox before Meta gets its 200 (a re-delivery finds them there and is dropped); each person's
 * messages are then handled one at a time, oldest first, under a lock shared by all instances,
 * after a short settling time that lets a message sent just before, but delivered just after,
 * take its place. A message leaves the inbox only once its replies are in the outbox, so a crash
 * at any point loses nothing: {@link #recover} picks up whatever was left, and the turn knows the
 * message's id, so nothing is handled twice either.
 */
public final class Intake {

    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
    /**
     * People whose messages are handled at once, at most: more would only queue for the same two
     * cores and the same store, and keep webhooks waiting for their acknowledgement.
     */
    static final int MAX_DRAINING = 4;
    /**
     * People handled at once while messages flood in ({@link Acknowledgements#flooded}): replies
     * fall behind anyway, and each turn running beside the acknowledgements delays them (at
     * 1,000 webhooks a second, one at a time instead of four gave acknowledgements a p50 of 5 ms
     * instead of 8, docs/benchmarks.md). People then take turns a message each; a turn that
     * waits for a conversation's lock (held by a crashed instance until its lease ends) holds
     * up the others while the flood lasts.
     */
    static final int FLOODED_DRAINING = 1;
    /** After a store failure, the person's messages are tried again this much later. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    static final String UNSUPPORTED = "utter_unsupported_message";
    static final String LOCATION_UNPLACED = "utter_location_unplaced";
    /** The responses this needs from the dialog content. */
    public static final Set<String> RESPONSES = Set.of(UNSUPPORTED, LOCATION_UNPLACED);

    private final Vertx vertx;
    private final Inbox inbox;
    private final Outbox outbox;
    private final ConversationLock lock;
    private final TurnProcessor processor;
    private final TrackerStore trackers;
    private final Replies replies;
    private final ResponseCatalog responses;
    private final Duration settle;
    private final Clock clock;
    /**
     * People whose messages this instance is about to handle or handling now, and whether more
     * arrived meanwhile (then the drain looks again before it stops).
     */
    private final Map<String, Boolean> scheduled = new ConcurrentHashMap<>();
    /** People whose settling time is over, waiting for one of the places ({@link #MAX_DRAINING}). */
    private final Queue<String> ready = new ConcurrentLinkedQueue<>();
    private final AtomicInteger draining = new AtomicInteger();
    private final Acknowledgements acknowledgements;

    public Intake(Vertx vertx, Inbox inbox, Outbox outbox, ConversationLock lock, TurnProcessor processor,
            TrackerStore trackers, Replies replies, ResponseCatalog responses, Duration settle, Clock clock,
            Acknowledgements acknowledgements) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.processor = Objects.requireNonNull(processor, "processor");
        this.trackers = Objects.requireNonNull(trackers, "trackers");
        this.replies = Objects.requireNonNull(replies, "replies");
        this.responses = Objects.requireNonNull(responses, "responses");
        this.settle = Objects.requireNonNull(settle, "settle");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.acknowledgements = Objects.requireNonNull(acknowledgements, "acknowledgements");
    }

    /**
     * Keeps the messages not seen before; the returned future completes when they are durable,
     * which is when the webhook may be acknowledged. Handling follows asynchronously.
     */
    public Future<Void> receive(List<IncomingMessage> messages) {
        if (messages.isEmpty()) {
            return Future.succeededFuture();
        }
        Instant now = clock.instant();
        List<InboundMessage> kept = messages.stream()
                .map(message -> new InboundMessage(message.id(), Channel.WHATSAPP, message.from(), message.sentAt(), now,
                        new JsonObject().put("type", message.type()).put("message", message.message()).encode()))
                .toList();
        return acknowledgements.during(inbox.accept(kept)).map(fresh -> {
            // Kept: the webhook may be acknowledged. Everything else happens in the drains, which
            // give way to acknowledgements. A re-delivery's sender is looked at too: the first
            // delivery may have failed after its message was kept.
            Set<String> senders = new LinkedHashSet<>();
            messages.forEach(message -> senders.add(message.from()));
            senders.forEach(sender -> schedule(sender, settle));
            return null;
        });
    }

    /** Handles what a stop or crash left in the inbox. */
    public Future<Integer> recover() {
        return inbox.sendersWithPending(Channel.WHATSAPP).map(senders -> {
            senders.forEach(sender -> schedule(sender, Duration.ZERO));
            return senders.size();
        });
    }

    private void schedule(String sender, Duration delay) {
        boolean[] first = {false};
        scheduled.compute(sender, (person, more) -> {
            first[0] = more == null;
            return !first[0];
        });
        if (first[0]) {
            vertx.setTimer(Math.max(1, delay.toMillis()), timer -> {
                ready.add(sender);
                startDrains();
            });
        }
    }

    /** Starts draining the people who are ready, while there are places. */
    private void startDrains() {
        while (true) {
            int busy = draining.get();
            if (busy >= (acknowledgements.flooded() ? FLOODED_DRAINING : MAX_DRAINING) || ready.isEmpty()) {
                return;
            }
            if (!draining.compareAndSet(busy, busy + 1)) {
                continue;
            }
            String sender = ready.poll();
            if (sender == null) {
                draining.decrementAndGet();
            } else {
                drain(sender);
            }
        }
    }

    /** A drain is over: its place goes to the next person ready. */
    private void drained() {
        draining.decrementAndGet();
        startDrains();
    }

    /** Whether the drain for {@code sender} may stop: only if nothing arrived since it last looked. */
    private boolean finished(String sender) {
        boolean[] again = {false};
        scheduled.compute(sender, (person, more) -> {
            again[0] = Boolean.TRUE.equals(more);
            return again[0] ? Boolean.FALSE : null;
        });
        return !again[0];
    }

    /** One message at a time, each under the lock, until the person has nothing pending. */
    private void drain(String sender) {
        acknowledgements.giveWay().compose(quiet -> lock.withLock("whatsapp-inbox:" + sender, () -> handleNext(sender)))
                .onComplete(result -> {
            if (result.succeeded() && result.result()) {
                if (acknowledgements.flooded() && !ready.isEmpty()) {
                    // Under a flood people take turns, a message each, so that one person with many
                    // messages does not keep everyone else waiting for the only place.
                    ready.add(sender);
                    drained();
                } else {
                    drain(sender);
                }
                return;
            }
            if (result.failed()) {
                scheduled.remove(sender);
                drained();
                LOG.warn("WhatsApp messages of {} wait for a retry: {}", Conversations.reference(Recipients.conversationId(sender)),
                        result.cause().getMessage());
                schedule(sender, RETRY_AFTER);
            } else if (finished(sender)) {
                drained();
            } else {
                drain(sender);
            }
        });
    }

    /** Handles the person's first pending message, if any; answers whether there was one. */
    private Future<Boolean> handleNext(String sender) {
        return inbox.pending(Channel.WHATSAPP, sender).compose(pending -> {
            if (pending.isEmpty()) {
                return Future.succeededFuture(false);
            }
            InboundMessage next = pending.get(0);
            return reopenWindow(next).compose(open -> handle(next)).compose(done -> inbox.handled(next)).map(true);
        });
    }

    /**
     * The person wrote: WhatsApp's 24-hour window is open again for the replies kept back (unless
     * the message is older than that, as one picked up after a long stop may be).
     */
    private Future<Void> reopenWindow(InboundMessage message) {
        if (message.sentAt().isBefore(clock.instant().minus(Sender.WINDOW))) {
            return Future.succeededFuture();
        }
        return outbox.release(Channel.WHATSAPP, message.sender()).recover(failure -> {
            LOG.warn("Held WhatsApp replies stay held for now: {}", failure.getMessage());
            return Future.succeededFuture();
        });
    }

    private Future<Void> handle(InboundMessage message) {
        JsonObject stored = new JsonObject(message.body());
        Said said = Said.read(stored.getString("type", ""), stored.getJsonObject("message", new JsonObject()));
        String waId = message.sender();
        String conversationId = Recipients.conversationId(waId);
        if (said instanceof Said.Text text) {
            return userMessage(conversationId, text.text()).compose(user -> turn(message, user));
        }
        if (said instanceof Said.Choice choice) {
            return turn(message, new UserMessage(conversationId, Channel.WHATSAPP, choice.payload(),
                    Map.of(UserMessage.BUTTON_TITLE, choice.title())));
        }
        if (said instanceof Said.Location location) {
            return located(message, conversationId, location);
        }
        return replies.send(waId, message.id(), List.of(say(UNSUPPORTED)));
    }

    /** An address is read like typed text (its town or postcode names the locality); a bare pin goes by distance. */
    private Future<Void> located(InboundMessage message, String conversationId, Said.Location location) {
        String place = String.join(", ", List.of(location.name(), location.address()).stream().filter(s -> !s.isBlank()).toList());
        if (!place.isBlank()) {
            return turn(message, new UserMessage(conversationId, Channel.WHATSAPP, place, Map.of()));
        }
        Optional<String> locality = LocalityHint.nearest(location.latitude(), location.longitude());
        if (locality.isEmpty()) {
            return replies.send(message.sender(), message.id(), List.of(say(LOCATION_UNPLACED)));
        }
        String payload = "/inform" + new JsonObject().put("locality", locality.get()).encode();
        return turn(message, new UserMessage(conversationId, Channel.WHATSAPP, payload,
                Map.of(UserMessage.BUTTON_TITLE, "📍 " + locality.get())));
    }

    /** A bare number answers options that were offered as a numbered list. */
    private Future<UserMessage> userMessage(String conversationId, String text) {
        if (!text.strip().matches("\\d{1,3}[.)]?")) {
            return Future.succeededFuture(new UserMessage(conversationId, Channel.WHATSAPP, text, Map.of()));
        }
        return trackers.load(conversationId).map(events -> {
            List<Button> offered = lastOffered(events);
            return Renderer.numberedChoice(text, offered)
                    .map(payload -> new UserMessage(conversationId, Channel.WHATSAPP, payload, Map.of(UserMessage.BUTTON_TITLE,
                            offered.stream().filter(button -> button.payload().equals(payload)).findFirst().map(Button::title).orElse(text))))
                    .orElseGet(() -> new UserMessage(conversationId, Channel.WHATSAPP, text, Map.of()));
        });
    }

    private static List<Button> lastOffered(List<ConversationEvent> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i) instanceof BotUttered bot) {
                return bot.buttons();
            }
        }
        return List.of();
    }

    /**
     * The turn carries the message's id: if a crash came after the turn was stored but before the
     * inbox heard it was handled, the message comes round again and is answered from the
     * transcript, and the same replies, with the same outbox ids, are not sent twice.
     */
    private Future<Void> turn(InboundMessage message, UserMessage user) {
        Map<String, String> metadata = new HashMap<>(user.metadata());
        metadata.put(UserMessage.MESSAGE_ID, message.id());
        return processor.handle(new UserMessage(user.conversationId(), user.channel(), user.text(), metadata))
                .compose(answers -> replies.send(message.sender(), message.id(), answers));
    }

    private BotMessage say(String response) {
        return responses.render(response, Channel.WHATSAPP, Map.of(), 0);
    }
}
